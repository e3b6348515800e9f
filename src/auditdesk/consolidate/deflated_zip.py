"""A zip file whose members may arrive already deflated, in pieces made elsewhere.

The master's Answers rows are encoded and deflated by the worker processes that read
the audits, one piece per audit, in parallel. Python's :mod:`zipfile` deflates every
member itself, so handing it those rows meant inflating each piece and deflating it
again on one thread: most of the time spent writing a master. This writer appends the
pieces as they are instead. It works because raw deflate data that a compressor ends
with a sync flush stops at a byte boundary without a final block: such pieces, made
by independent compressors, concatenate into one valid stream, and a member's CRC-32
is combined from the pieces' CRCs and lengths (:func:`crc32_combine`). No maintained
library writes a zip from pre-deflated pieces, which is why this module exists.

Layout, as in PKWARE's APPNOTE: local header, data, central directory, end record.
Members that may grow large are written with Zip64 sizes, as :mod:`zipfile` does when
asked to (``force_zip64``); the local header is patched once the sizes are known,
so the stream must be seekable (the master is written to a file).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR64 = struct.Struct("<4sLQL")
_ZIP64_SIZES = struct.Struct("<2H2Q")
_ZIP32_LIMIT = 0xFFFFFFFF
_COUNT_LIMIT = 0xFFFF
_VERSION_DEFLATE = 20
_VERSION_ZIP64 = 45
_MADE_BY_UNIX = (3 << 8) | _VERSION_ZIP64
_FILE_MODE = 0o100644 << 16
_DEFLATED = 8
_UTF8_NAME = 0x800


@dataclass(frozen=True)
class Deflated:
    """A piece of a member: raw deflate data ending at a byte boundary with no final
    block, the CRC-32 and the length of what it inflates to."""

    data: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, data: bytes, level: int = 1) -> Deflated:
        """``data`` deflated as a piece (level 1: the master's XML is very repetitive)."""
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        return cls(
            compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH),
            zlib.crc32(data),
            len(data),
        )

    def inflated(self) -> bytes:
        return zlib.decompressobj(-15).decompress(self.data)


EMPTY = Deflated(b"", 0, 0)


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B, from A's CRC, B's CRC and B's length.

    CRC-32 is a remainder of polynomials over GF(2): appending B to A multiplies A's
    CRC by x^(8·len(B)) modulo the CRC polynomial before B's CRC is added. The power
    is built from the table of x^(2^k), so this costs about forty multiplications
    whatever the length.
    """
    if length2 <= 0:
        return crc1
    return _multiply(_power_of_x(length2 * 8), crc1) ^ crc2


_POLYNOMIAL = 0xEDB88320  # CRC-32's, in the reflected bit order zlib uses
_ONE = 1 << 31  # the polynomial 1, in that order


def _multiply(a: int, b: int) -> int:
    """a(x)·b(x) modulo the CRC polynomial."""
    product = 0
    bit = _ONE
    while a:
        if a & bit:
            product ^= b
            a ^= bit
        bit >>= 1
        b = (b >> 1) ^ _POLYNOMIAL if b & 1 else b >> 1
    return product


def _squares() -> list[int]:
    table = [_ONE >> 1]  # x^1
    for _ in range(63):
        table.append(_multiply(table[-1], table[-1]))
    return table


_X_TO_2_TO_K = _squares()


def _power_of_x(exponent: int) -> int:
    """x^exponent modulo the CRC polynomial."""
    power = _ONE
    k = 0
    while exponent:
        if exponent & 1:
            power = _multiply(_X_TO_2_TO_K[k], power)
        exponent >>= 1
        k += 1
    return power


@dataclass
class _Member:
    name: bytes
    flags: int
    when: tuple[int, int]
    offset: int
    zip64: bool
    crc: int = 0
    compressed: int = 0
    size: int = 0


class DeflatedZipWriter:
    """Writes members to a seekable binary stream; :meth:`close` writes the directory."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._members: list[_Member] = []

    def write(self, name: str, data: bytes, date_time: tuple[int, ...]) -> None:
        """A small member, deflated here."""
        member = self.open(name, date_time, zip64=False)
        member.write(data)
        member.close()

    def open(self, name: str, date_time: tuple[int, ...], *, zip64: bool = True) -> MemberStream:
        """Start a member; its pieces are written through the returned stream."""
        encoded = name.encode("utf-8")
        member = _Member(
            name=encoded,
            flags=0 if encoded.isascii() else _UTF8_NAME,
            when=_dos_time(date_time),
            offset=self._stream.tell(),
            zip64=zip64,
        )
        self._stream.write(_local_header(member))
        self._members.append(member)
        return MemberStream(self._stream, member)

    def close(self) -> None:
        """Write the central directory and the end records (Zip64 ones when needed)."""
        stream = self._stream
        start = stream.tell()
        for member in self._members:
            stream.write(_central_header(member))
        end = stream.tell()
        count, size = len(self._members), end - start
        if count > _COUNT_LIMIT or start > _ZIP32_LIMIT or size > _ZIP32_LIMIT:
            stream.write(_END64.pack(b"PK\x06\x06", _END64.size - 12, _MADE_BY_UNIX,
                                     _VERSION_ZIP64, 0, 0, count, count, size, start))
            stream.write(_LOCATOR64.pack(b"PK\x06\x07", 0, end, 1))
        stream.write(_END.pack(b"PK\x05\x06", 0, 0, min(count, _COUNT_LIMIT),
                               min(count, _COUNT_LIMIT), min(size, _ZIP32_LIMIT),
                               min(start, _ZIP32_LIMIT), 0))


class MemberStream:
    """One member's data: plain bytes (deflated here) and ready pieces, in any order."""

    def __init__(self, stream: IO[bytes], member: _Member) -> None:
        self._stream = stream
        self._member = member
        self._compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
        self._pending = False

    def write(self, data: bytes) -> None:
        """Bytes of the member, deflated here."""
        if data:
            self._put(self._compressor.compress(data))
            self._pending = True
            member = self._member
            member.crc = zlib.crc32(data, member.crc)
            member.size += len(data)

    def write_deflated(self, pieces: Iterable[Deflated]) -> None:
        """Pieces deflated elsewhere, appended as they are."""
        for piece in pieces:
            if self._pending:
                # The pieces were made without this compressor's history: its data so far
                # is flushed, and a fresh one (with no history) takes what follows.
                self._put(self._compressor.flush(zlib.Z_SYNC_FLUSH))
                self._compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
                self._pending = False
            self._put(piece.data)
            member = self._member
            member.crc = crc32_combine(member.crc, piece.crc, piece.size)
            member.size += piece.size

    def close(self) -> None:
        """End the deflate stream and write the sizes into the local header."""
        self._put(self._compressor.flush(zlib.Z_FINISH))
        member = self._member
        if not member.zip64 and max(member.size, member.compressed) > _ZIP32_LIMIT:
            raise OverflowError(f"{member.name.decode()} is over 4 GB without Zip64 sizes")
        end = self._stream.tell()
        self._stream.seek(member.offset)
        self._stream.write(_local_header(member))
        self._stream.seek(end)

    def _put(self, data: bytes) -> None:
        if data:
            self._stream.write(data)
            self._member.compressed += len(data)


def _dos_time(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = (*date_time, 0, 0, 0, 0, 0, 0)[:6]
    if year < 1980:
        year, month, day, hour, minute, second = 1980, 1, 1, 0, 0, 0
    return ((hour << 11) | (minute << 5) | (second // 2),
            ((year - 1980) << 9) | (month << 5) | day)


def _local_header(member: _Member) -> bytes:
    clock, date = member.when
    if member.zip64:
        extra = _ZIP64_SIZES.pack(1, 16, member.size, member.compressed)
        return _LOCAL.pack(b"PK\x03\x04", _VERSION_ZIP64, member.flags, _DEFLATED, clock, date,
                           member.crc, _ZIP32_LIMIT, _ZIP32_LIMIT, len(member.name),
                           len(extra)) + member.name + extra
    return _LOCAL.pack(b"PK\x03\x04", _VERSION_DEFLATE, member.flags, _DEFLATED, clock, date,
                       member.crc, member.compressed, member.size, len(member.name),
                       0) + member.name


def _central_header(member: _Member) -> bytes:
    clock, date = member.when
    # Zip64 extra fields hold, in this order, only the values too large for their field.
    large = [value for value in (member.size, member.compressed, member.offset)
             if value >= _ZIP32_LIMIT]
    extra = struct.pack(f"<2H{len(large)}Q", 1, 8 * len(large), *large) if large else b""
    version = _VERSION_ZIP64 if large or member.zip64 else _VERSION_DEFLATE
    return _CENTRAL.pack(
        b"PK\x01\x02", _MADE_BY_UNIX, version, member.flags, _DEFLATED, clock, date,
        member.crc, min(member.compressed, _ZIP32_LIMIT), min(member.size, _ZIP32_LIMIT),
        len(member.name), len(extra), 0, 0, 0, _FILE_MODE, min(member.offset, _ZIP32_LIMIT),
    ) + member.name + extra
