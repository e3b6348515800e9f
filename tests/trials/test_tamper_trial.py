"""Mini tamper trial: 100 single-byte flips in the signed range of a signed PDF."""

from __future__ import annotations

from pathlib import Path

from trial_checks import assert_goals_met

from trials import tamper


def test_every_flipped_byte_in_a_signed_pdf_is_detected(tmp_path: Path, seed: int) -> None:
    # The workbook half runs in test_export_trials (it needs the exported sample).
    figures = tamper._pdf_trial(100, seed, tmp_path)
    assert_goals_met(figures)
    assert figures[0].cases == 100


def test_the_flips_land_inside_the_signed_bytes(tmp_path: Path, seed: int) -> None:
    from trials.pdf_material import signed_report

    tamper._PDF = signed_report(tmp_path)
    for index in range(50):
        offset, mask, damaged = tamper._flip_pdf_byte(seed, index)
        assert any(start <= offset < end for start, end in tamper._PDF.ranges)
        assert mask
        assert damaged[offset] != tamper._PDF.data[offset]
