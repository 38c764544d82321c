"""Services the CLI (and later the REST API) call: ingesting, and reading stories and articles."""

from .ingest import IngestResult, IngestService
from .queries import Queries

__all__ = ["IngestResult", "IngestService", "Queries"]
