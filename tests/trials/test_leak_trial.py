"""Mini leak trial: canaries stay out of encrypted files; passphrases out of everything."""

from __future__ import annotations

from pathlib import Path

from trial_checks import assert_goals_met

from trials import leak


def test_leak_trial_finds_no_canary_and_no_passphrase(tmp_path: Path, seed: int) -> None:
    figures = leak.run(1, seed, tmp_path)
    assert_goals_met(figures)
    by_name = {f.trial: f for f in figures}
    assert any(f.cases >= 5 for name, f in by_name.items() if "canary answers" in name)


def test_leak_search_sees_a_canary_in_a_plain_file(tmp_path: Path) -> None:
    # The trial's search must be able to fail: a plaintext copy is found, UTF-8 or UTF-16.
    (tmp_path / "a.bin").write_bytes(b"x" + "CANARY-1".encode("utf-16-le") + b"y")
    (tmp_path / "b.txt").write_text("no secret here", encoding="utf-8")
    hits = leak._occurrences(["CANARY-1"], leak._files(tmp_path))
    assert hits == [f"'CANARY-1' in {tmp_path / 'a.bin'}"]
