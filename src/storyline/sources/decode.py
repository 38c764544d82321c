"""Bytes → text: which encoding a document uses, and whether it is text at all. One module for both checks."""

from __future__ import annotations

import codecs
import re

from ..exceptions import BadDocument

SNIFF_BYTES = 4096  # enough of a document's head to tell text from binary and UTF-16 from byte encodings
CONTROL_SHARE = 0.05  # more control characters than this share of the head: binary, not text
UTF16_NUL_SHARE = 0.05  # UTF-16 without BOM: at least this share of one byte parity is NUL (Latin text is near
# 1.0; in Greek or Cyrillic only spaces, digits and punctuation have a NUL half, about 0.15 of the units) …
UTF16_OTHER_NUL_SHARE = 0.02  # … and almost none of the other parity (two NULs in a row are not text)
MIN_UTF16_UNITS = 8  # without a BOM, fewer code units than this cannot be told from a few stray NULs
REPLACEMENT_SHARE = 1 / 200  # more undecodable bytes than this (after the first few): not this encoding

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # the same control characters, as bytes
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# <meta charset="windows-1251">, <meta http-equiv="Content-Type" content="text/html; charset=koi8-r">, and
# <?xml version="1.0" encoding="iso-8859-2"?>: where a page or feed states its own encoding
_DECLARED = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]{1,40})|<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([\w.:-]{1,40})",
                       re.IGNORECASE)
# browsers read pages labelled Latin-1 or ASCII as Windows-1252 (WHATWG Encoding), and so do the pages' authors
_AS_WINDOWS_1252 = {"latin-1", "iso8859-1", "ascii"}


def utf16_codec(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``head`` is UTF-16 (by its BOM or by its NUL bytes), else None.

    Text of mostly Latin, Greek or Cyrillic letters in UTF-16 has a NUL in one half of (nearly) every code
    unit, always at the same parity: odd offsets for little-endian, even ones for big-endian.
    """
    if head[:2] in _BOMS:
        return _BOMS[head[:2]]
    units = len(head) // 2
    if units < MIN_UTF16_UNITS:
        return None
    even, odd = head[0 : 2 * units : 2].count(0) / units, head[1 : 2 * units : 2].count(0) / units
    if odd >= UTF16_NUL_SHARE and even <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """True when ``head`` (of a byte-encoded document, not UTF-16) holds NULs or many control bytes."""
    return b"\x00" in head or len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) * CONTROL_SHARE


def decode(data: bytes, charset: str | None = None) -> str:
    """Bytes → text: UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1252 as the scraped-web fallback.

    ``charset`` is what an HTTP header declared: a known byte encoding other than UTF-8 (say ISO-8859-2) is
    used as declared; UTF-8, UTF-16 and unknown names are checked against the bytes as above, since servers
    often declare UTF-8 for pages that are not. Bytes that are not UTF-8 are read in the encoding the
    document's own head names (``<meta charset>``, an XML declaration), else as Windows-1252. Raises BadDocument (``empty``, ``binary``, ``undecodable``)
    when the bytes are no usable text.
    """
    head = data[:SNIFF_BYTES]
    declared = _codec(charset)
    if declared and not declared.startswith(("utf-8", "utf-16")) and not utf16_codec(head):
        if looks_binary(head):
            raise BadDocument("binary", "control bytes found; not a text or HTML document")
        return _accept(data.decode(declared, errors="replace"), declared)
    codec = utf16_codec(head)
    if codec:
        text = _accept(data[2 if head[:2] in _BOMS else 0 :].decode(codec, errors="replace"), codec)
        if len(_CONTROL.findall(text[:SNIFF_BYTES])) > CONTROL_SHARE * min(len(text), SNIFF_BYTES):
            raise BadDocument("binary", "NUL bytes in a UTF-16 pattern, but the decoded text is not text")
        return text
    if looks_binary(head):
        raise BadDocument("binary", "control bytes found; not a text or HTML document")
    try:
        return _accept(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        stated = _codec(declared_charset(head))
        fallback = stated if stated and not stated.startswith(("utf-8", "utf-16")) else "cp1252"
        return _accept(data.decode(fallback, errors="replace"), f"UTF-8 or {fallback}")


def declared_charset(head: bytes) -> str | None:
    """The encoding a page or feed names in its own head, if any."""
    m = _DECLARED.search(head)
    return (m.group(1) or m.group(2)).decode("ascii") if m else None


def _codec(charset: str | None) -> str | None:
    try:
        name = codecs.lookup(charset.strip().strip('"')).name if charset else None
    except (LookupError, ValueError):  # unknown, or garbled ("utf\x008": a NUL makes lookup raise ValueError)
        return None
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def _accept(text: str, codec: str) -> str:
    if not text.strip():
        raise BadDocument("empty")
    if text.count("\ufffd") > max(3, len(text) * REPLACEMENT_SHARE):
        raise BadDocument("undecodable", f"not {codec}")
    return text


def without_surrogates(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (from JSON escapes like ``\\ud800``, which no codec can encode) replaced
    by U+FFFD, and how many there were. Paired escapes are already one character after ``json.loads``."""
    try:
        text.encode("utf-8")  # the common case, and much faster than searching
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0
