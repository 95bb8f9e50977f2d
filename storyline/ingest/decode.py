"""Bytes to text: binary sniffing and encoding detection.

Order of evidence for the encoding (a numbered cascade, as trafilatura does it):
1. valid UTF-8 (with or without BOM) is UTF-8;
2. the charset the server or the page itself declares (HTTP header, ``<meta charset>``), when the
   bytes decode with it;
3. charset-normalizer's best guess, except that among the Latin single-byte code pages (which
   the same bytes fit almost equally well: "è" in cp1252 is "č" in cp1250) windows-1252 wins, as
   in the WHATWG encoding standard's default for unlabelled Western pages.
"""
from __future__ import annotations

import re

# A NUL byte in the first block, or this share of control bytes, means a binary file: text
# and HTML pages in any single-byte or UTF encoding have (almost) none.
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.10

# Code pages charset-normalizer may pick for Western text that cp1252 decodes just as well.
LATIN_CODEPAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_9",
                   "iso8859_13", "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman", "cp850", "cp437"}

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAGS = re.compile(r"</?(p|div|br|span|a|article|h[1-6]|table|ul|li)\b[^>]*>", re.I)

# A "text" page with at least this many common HTML tags is treated as HTML.
MIN_TAGS_FOR_HTML = 5


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM is text
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls > MAX_CONTROL_SHARE * max(1, len(head))


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            return match.group(1)
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str | None, str | None]:
    """The text and the encoding used, or (None, None) when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, None
    if best.encoding in LATIN_CODEPAGES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def looks_like_html(text: str) -> bool:
    head = text[:2048]
    if _HTML_START.search(head):
        return True
    return len(_HTML_TAGS.findall(text[:20000])) >= MIN_TAGS_FOR_HTML
