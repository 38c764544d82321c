"""The REST API (``/api/v1``) and the web UI, served by ``storyline serve``: FastAPI over the ``app`` services."""

from .app import create_app
from .services import Services

__all__ = ["Services", "create_app"]
