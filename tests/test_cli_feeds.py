"""`storyline feeds add|list|remove|poll` and URLs given to `storyline ingest`, against a local server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
ARTICLE = ("<html><head><title>Quillon harbour reopens</title></head><body><article><h1>Quillon harbour reopens</h1>"
           "<p>The Quillon harbour reopened on Monday after a week of repairs to the north quay, harbour master "
           "Ilsa Varne said. Ferries to Bellhaven resumed their morning crossings at seven.</p><p>Varne said the "
           "storm that damaged the quay in November had torn away forty metres of the old sea wall, and that "
           "divers had checked every pile before the first ferry was allowed to dock.</p></article></body></html>")
EMPTY_FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet Courier</title></channel></rss>'


class _Site(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/harbour":
            body = ARTICLE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path != "/feed.xml":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(EMPTY_FEED)))
        self.end_headers()
        self.wfile.write(EMPTY_FEED)

    def log_message(self, *_args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def invoke(*args):
    return runner.invoke(app, list(args))


def test_feeds_add_list_poll_remove(tmp_path, site):
    db = str(tmp_path / "feeds.db")
    refused = invoke("feeds", "add", f"{site}/feed.xml", "--db", db)
    assert refused.exit_code != 0 and "private-address" in str(refused.exception)
    added = invoke("feeds", "add", f"{site}/feed.xml", "--db", db, "--allow-private", "--interval", "600")
    assert added.exit_code == 0 and "feed 1" in added.output
    polled = invoke("feeds", "poll", "--db", db, "--allow-private")
    assert polled.exit_code == 0 and "1 feed polled (0 unchanged, 0 failed): 0 new entries" in polled.output
    listed = json.loads(invoke("feeds", "list", "--db", db, "--json").output)
    assert listed[0]["title"] == "Quiet Courier" and listed[0]["error_count"] == 0
    assert invoke("feeds", "remove", "1", "--db", db).exit_code == 0
    assert json.loads(invoke("feeds", "list", "--db", db, "--json").output) == []


def test_ingest_refuses_a_private_url_without_the_option(tmp_path, site):
    result = invoke("ingest", f"{site}/article", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0 and "private-address" in result.output


@pytest.mark.slow
def test_ingest_fetches_a_url_with_allow_private(tmp_path, site):
    db = str(tmp_path / "x.db")
    result = invoke("ingest", f"{site}/harbour", "--db", db, "--allow-private")
    assert result.exit_code == 0 and "added 1" in result.output, result.output
    listed = json.loads(invoke("articles", "list", "--db", db, "--json").output)
    [stored] = listed["articles"]
    assert stored["source"] == f"{site}/harbour" and stored["published"] is None
