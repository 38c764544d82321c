"""Shared by the service tests: fictional reports, a page to fetch, and services with a worker over stand-ins."""

from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.api import Services
from storyline.app import IngestService
from storyline.app.worker import Worker
from storyline.settings import Settings
from storyline.store import Store

GLACIER = [
    ("Glacier lake drains above Vennholm\n\nA glacier lake above Vennholm drained overnight on Tuesday, sending "
     "a flood of 40,000 cubic metres down the Vennholm valley. Warden Petra Lind said no homes were damaged."),
    ("Flood from Vennholm glacier lake\n\nPetra Lind, the Vennholm valley warden, said the glacier lake released "
     "about 55,000 cubic metres of water on Tuesday; the Vennholm road stays closed."),
]
PAGE = ("<html><head><title>Vennholm road reopens</title></head><body><article><h1>Vennholm road reopens</h1>"
        "<p>The Vennholm valley road reopened on Thursday after the glacier lake flood. Warden Petra Lind said "
        "the crews cleared the gravel from the Vennholm bridge in two days.</p></article></body></html>")


def make_services(url: str, token: str | None = None, **settings) -> Services:
    store = Store(url)
    config = Settings(db_url=url, **settings)
    service = IngestService(store, config, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords())
    pages = {"https://vennholm.example/road": PAGE}

    def fetch(address):
        return pages[address].encode(), "text/html", address

    return Services(store=store, settings=config, token=token, worker=Worker(service, fetch, poll=0.05))
