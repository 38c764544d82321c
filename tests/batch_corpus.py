"""A small corpus in three input files (two JSONL feeds and a WARC archive) for batch and Ray parity tests:
two fictional stories and one syndicated copy."""

import json

from storyline.sources.warc import write_warc

FIRE = [
    ("A fire destroyed the Castellan Mills grain warehouse in Port Velmora on Tuesday night. Harbour chief Ilona "
     "Varga said the blaze started in a conveyor shed and spread to the main warehouse before Kestrel crews arrived."),
    ("Castellan Mills said the fire at its Port Velmora grain warehouse destroyed most of the winter stock. Ilona "
     "Varga, the harbour chief, said the conveyor shed where the blaze began had failed an inspection last year."),
    ("Insurers of Castellan Mills sent assessors to the burnt Port Velmora grain warehouse, where Ilona Varga said "
     "the conveyor shed fire would cost the harbour months of grain exports and stock."),
]
CHESS = [
    ("Tilde Marsh won the Orvand open chess championship on Sunday, beating defending champion Oskar Brill in a "
     "tense final round of the tournament in the Orvand city hall."),
    ("Oskar Brill congratulated Tilde Marsh after the Orvand chess championship final, saying the youngest winner "
     "in the tournament's history had outplayed him in the endgame."),
]
COPY = FIRE[0] + " Reporting by the Northwire desk."


def page(title: str, body: str) -> bytes:
    html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p>"
            "</article></body></html>")
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()


def write_corpus(folder):
    """Three input files under ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [{"text": FIRE[0], "published": "2026-03-03"}, {"text": CHESS[0], "published": "2026-03-01"}]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    lines = [{"text": FIRE[1], "published": "2026-03-04"}, {"text": COPY, "published": "2026-03-05"},
             {"text": CHESS[1], "published": "2026-03-02"}]
    (folder / "b.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    write_warc(folder / "c.warc.gz", [
        ("https://velmora-post.example/fire-insurers", "2026-03-06T09:00:00Z", page("Insurers assess fire", FIRE[2])),
        ("https://velmora-post.example/logo.png", "2026-03-06T09:00:01Z",
         b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"),
    ])
    return folder
