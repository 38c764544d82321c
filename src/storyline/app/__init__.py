"""Services the CLI (and later the REST API) call: ingesting, batch runs, and reading stories and articles."""

from .batch import BatchResult, BatchService, LoadResult, load_batch
from .ingest import CHUNK_SIZE, IngestResult, IngestService
from .queries import Queries

__all__ = ["CHUNK_SIZE", "BatchResult", "BatchService", "IngestResult", "LoadResult", "load_batch", "IngestService", "Queries"]
