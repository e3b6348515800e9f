"""The master's zip writer: pieces deflated elsewhere, copied in as they are, must give a
zip that every reader opens with the bytes intended (checked here with zipfile)."""

from __future__ import annotations

import random
import zipfile
import zlib
from pathlib import Path

import pytest

from auditdesk.consolidate.deflated_zip import Deflated, DeflatedZipWriter, crc32_combine


@pytest.mark.parametrize("seed", range(20))
def test_crc_of_two_parts_combines_into_the_crc_of_the_whole(seed: int) -> None:
    rng = random.Random(seed)
    whole = rng.randbytes(rng.choice([0, 1, 7, 1000, 70_000]))
    cut = rng.randint(0, len(whole))
    first, second = whole[:cut], whole[cut:]

    combined = crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))

    assert combined == zlib.crc32(whole)


def test_plain_bytes_and_ready_pieces_read_back_as_one_member_in_order(tmp_path: Path) -> None:
    rng = random.Random(5)
    parts = [b"<sheet>", *(rng.choice([b"<row>yes</row>", b"<row>no</row>"]) * rng.randint(1, 500)
                          for _ in range(6)), b"</sheet>"]
    target = tmp_path / "book.xlsx"
    with target.open("wb") as file:
        writer = DeflatedZipWriter(file)
        writer.write("[Content_Types].xml", b"<Types/>", (2026, 11, 23, 10, 30, 4))
        member = writer.open("xl/worksheets/sheet1.xml", (2026, 11, 23, 10, 30, 4))
        for number, part in enumerate(parts):
            if number % 2:
                member.write_deflated([Deflated.of(part)])  # made "in a worker"
            else:
                member.write(part)
        member.close()
        writer.close()

    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None  # every member's CRC and size check out
        assert archive.read("xl/worksheets/sheet1.xml") == b"".join(parts)
        assert archive.read("[Content_Types].xml") == b"<Types/>"
        assert archive.getinfo("[Content_Types].xml").date_time == (2026, 11, 23, 10, 30, 4)


def test_a_member_of_pieces_only_and_an_empty_member_read_back(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    pieces = [Deflated.of(bytes([n]) * 3000) for n in range(65, 70)]
    with target.open("wb") as file:
        writer = DeflatedZipWriter(file)
        member = writer.open("only-pieces.xml", (2026, 1, 1, 0, 0, 0))
        member.write_deflated(pieces)
        member.close()
        writer.open("empty.xml", (2026, 1, 1, 0, 0, 0)).close()
        writer.close()

    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.read("only-pieces.xml") == b"".join(p.inflated() for p in pieces)
        assert archive.read("empty.xml") == b""


def test_names_outside_ascii_and_more_members_than_the_classic_directory_holds(
    tmp_path: Path,
) -> None:
    target = tmp_path / "many.zip"
    count = 65_600  # over 65,535: the end record needs its Zip64 form
    with target.open("wb") as file:
        writer = DeflatedZipWriter(file)
        writer.write("données/é.xml", b"accent", (2026, 1, 1, 0, 0, 0))
        for number in range(count - 1):
            writer.write(f"m/{number}", b"", (2026, 1, 1, 0, 0, 0))
        writer.close()

    with zipfile.ZipFile(target) as archive:
        assert len(archive.infolist()) == count
        assert archive.read("données/é.xml") == b"accent"
        assert archive.read(f"m/{count - 2}") == b""
