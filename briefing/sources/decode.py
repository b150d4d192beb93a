"""Bodies read under a byte budget: at most one content coding, decoded incrementally.

httpx decodes a whole network chunk through every ``Content-Encoding`` layer before a caller sees it, so a
3.5 KB ``gzip, gzip`` body can expand to gigabytes in one step, long before a size cap counting decoded bytes
runs. Here the raw bytes are read and decoded by hand, never more than the budget left at a time, and the
budget counts raw and decoded bytes together: no single step can outgrow it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

# The codings the fetcher asks for (Accept-Encoding) and can decode; "identity" means none.
CODINGS = ("gzip", "x-gzip", "deflate")


class BodyError(Exception):
    """A body refused: too large, an unsupported or stacked coding, or corrupt compressed data."""


def content_codings(header: str | None) -> list[str]:
    """The codings of a ``Content-Encoding`` header, in order, without ``identity``."""
    if not header:
        return []
    return [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]


def read_body(raw: Iterable[bytes], coding_header: str | None, budget: int) -> bytes:
    """The decoded body of the raw chunks ``raw``; :class:`BodyError` once raw plus decoded bytes pass
    ``budget``, for more than one coding, or for a coding the fetcher did not ask for."""
    codings = content_codings(coding_header)
    if len(codings) > 1:
        raise BodyError(f"refused Content-Encoding {coding_header!r}: at most one content coding is accepted")
    if codings and codings[0] not in CODINGS:
        raise BodyError(f"refused Content-Encoding {codings[0]!r}: only {', '.join(CODINGS)} are accepted")
    decoder = _Decoder(codings[0]) if codings else None
    out: list[bytes] = []
    used = 0
    for chunk in raw:
        used += len(chunk)
        if decoder is not None:
            for piece in decoder.feed(chunk, budget - used):
                used += len(piece)
                out.append(piece)
        else:
            used += len(chunk)
            out.append(chunk)
        if used > budget:
            raise BodyError(f"response too large (over {budget} bytes, raw and decoded counted together)")
    return b"".join(out)


class _Decoder:
    """gzip (every member of a multi-member body) or deflate (zlib-wrapped, else raw), bounded per call."""

    def __init__(self, coding: str) -> None:
        self.gzip = coding != "deflate"
        self.first = True
        self._new()

    def _new(self, wbits: int | None = None) -> None:
        self.wbits = wbits if wbits is not None else (zlib.MAX_WBITS | 16 if self.gzip else zlib.MAX_WBITS)
        self.obj = zlib.decompressobj(self.wbits)

    def feed(self, data: bytes, room: int) -> Iterable[bytes]:
        """Decoded pieces of ``data``; stops once more than ``room`` bytes came out (the caller refuses)."""
        while data:
            try:
                piece = self.obj.decompress(data, max(1, room + 1))
            except zlib.error as err:
                if self.first and not self.gzip and self.wbits > 0:  # "deflate" sent without its zlib header
                    self._new(-zlib.MAX_WBITS)
                    continue
                raise BodyError(f"corrupt {'gzip' if self.gzip else 'deflate'} body: {err}") from None
            self.first = False
            room -= len(piece)
            if piece:
                yield piece
            if room < 0:
                return
            if self.obj.eof:
                rest = self.obj.unused_data
                if not (self.gzip and rest.strip(b"\0")):
                    return  # trailing padding after the last member is ignored, like browsers do
                self._new()
                data = rest
            else:
                data = self.obj.unconsumed_tail
