"""WARC files (plain or gzip): every HTTP response record that holds an HTML or text page."""
from __future__ import annotations

from typing import Iterator

from ..config import Settings
from ..errors import Rejection
from ..model import RawPage
from .decode import looks_like_html

PAGE_CONTENT_TYPES = ("text/html", "application/xhtml", "text/plain")


def read_warc(name: str, settings: Settings) -> Iterator[RawPage | Rejection]:
    """Yield the pages of a WARC; a truncated or corrupt archive yields the records read before
    the damage, then one Rejection naming where it stopped."""
    from warcio.archiveiterator import ArchiveIterator

    from .sources import page_from_bytes

    count = 0
    try:
        with open(name, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                content_type = (record.http_headers.get_header("Content-Type")
                                if record.http_headers else record.rec_headers.get_header("Content-Type")) or ""
                if content_type and not content_type.lower().startswith(PAGE_CONTENT_TYPES):
                    continue
                if record.http_headers and not record.http_headers.get_statuscode().startswith("2"):
                    continue
                data = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0) > 0:  # the block ended before its Content-Length
                    raise EOFError(f"record {uri or count + 1} is cut short")
                count += 1
                source = f"{name}#{uri or count}"
                kind = "text" if content_type.lower().startswith("text/plain") else "html"
                item = page_from_bytes(source, data, kind, settings, url=uri, date=date,
                                       content_type=content_type, container="warc")
                if isinstance(item, RawPage) and kind == "text" and looks_like_html(item.content):
                    item.kind = "html"
                yield item
    except Exception as exc:  # ArchiveLoadFailed, EOFError, zlib.error... from a cut or corrupt member
        yield Rejection(name, "E007", f"stopped after {count} record(s): {type(exc).__name__}: {exc}")
