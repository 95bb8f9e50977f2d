"""Build examples/wire.warc.gz from the HTML pages in examples/warc_src/ (*.html.in).

The sources end in ``.in`` so that ingesting the examples/ folder does not read them as pages
beside the archive that holds them.

Run from anywhere: ``python examples/make_warc.py``. The output is byte-for-byte reproducible:
record ids are derived from the target URI (uuid5) and every date is fixed below, so re-running
the script gives the same archive and re-ingesting it adds nothing.

All pages, outlets, people and events are invented (see examples/README.md).
"""
from __future__ import annotations

import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "wire.warc.gz"

# source file -> (WARC-Target-URI, WARC-Date); the date is when the "crawler" fetched the page.
RECORDS = [
    ("meridian-tovra-pullout.html",
     "https://meridianwire.example/world/2024/04/18/kazakh-peacekeepers-start-tovra-pullout",
     "2024-04-18T12:30:00Z"),
    ("meridian-gdansk-arrest.html",
     "https://meridianwire.example/world/2024/05/09/polish-police-detain-dockers-leader",
     "2024-05-09T17:05:00Z"),
    ("andes-valparaiso-talks.html",
     "https://andeswire.example/en/2024/05/09/transport-minister-meets-valparaiso-dockers",
     "2024-05-09T23:20:00Z"),
]


def record_id(uri: str) -> str:
    """A stable WARC-Record-ID, so the archive is the same on every run."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>"


def build(out: Path = OUT) -> Path:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for name, uri, date in RECORDS:
        body = (HERE / "warc_src" / f"{name}.in").read_bytes()
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": record_id(uri)},
        )
        writer.write_record(record)
    out.write_bytes(buf.getvalue())
    return out


if __name__ == "__main__":
    path = build()
    print(f"wrote {path} ({path.stat().st_size} bytes, {len(RECORDS)} response records)")
