"""Bytes of an article file to text, or a reason why the file is not an article.

Scraped files come in UTF-8 (with or without BOM), now and then UTF-16 from Windows tools, and
old pages in Windows-1252. We never guess silently: a fallback decoding is reported as a
warning, and binary files are refused rather than read as mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Control characters that never occur in text files (tab, newlines, form feed excepted).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}
_BINARY_SHARE = 0.05


class UnreadableFile(Exception):
    """The file is not a text article; the message says why, for a `Problem`."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def decode_article(raw: bytes) -> Decoded:
    """Decode an article file; raise `UnreadableFile` for empty or binary files."""
    if not raw.strip():
        raise UnreadableFile("file is empty")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return _checked(Decoded(raw.decode(encoding), encoding.removesuffix("-sig")))
            except UnicodeDecodeError as error:
                raise UnreadableFile(
                    f"file starts with a {encoding} byte-order mark but is not {encoding}"
                ) from error
    utf16 = _bomless_utf16(raw)
    if utf16 is not None:
        return _checked(utf16)
    nuls = raw.count(0)
    if nuls > _BINARY_SHARE * len(raw):
        raise UnreadableFile("binary file (contains NUL bytes), not a text article")
    # A stray NUL in scraped text (a bad copy, a C tool) is no reason to lose the article: the
    # cleaner drops it from what the extractors read, the original keeps it for offsets.
    stray = f"{nuls} NUL byte{'s' * (nuls != 1)} in the text; ignored" if nuls else None
    try:
        return _checked(Decoded(raw.decode("utf-8"), "utf-8", stray))
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
        return _checked(Decoded(text, "cp1252", _join("not UTF-8; read as Windows-1252", stray)))
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        return _checked(Decoded(text, "latin-1", _join("not UTF-8; read as Latin-1", stray)))


def _join(warning: str, extra: str | None) -> str:
    return f"{warning}; {extra}" if extra else warning


def _bomless_utf16(raw: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark: ASCII text shows as every other byte being NUL."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    encoding = "utf-16-le" if odd_nul > 0.4 and even_nul < 0.05 else None
    if even_nul > 0.4 and odd_nul < 0.05:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return Decoded(text, encoding, f"no byte-order mark; read as {encoding.upper()}")


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if not text.strip():
        raise UnreadableFile("file is empty")
    controls = sum(1 for ch in text[:20000] if ord(ch) in _CONTROL)
    if controls / min(len(text), 20000) > _BINARY_SHARE:
        raise UnreadableFile("binary file (many control characters), not a text article")
    return decoded
