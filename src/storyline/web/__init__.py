"""The web UI: server-rendered pages over the same services as the REST API (``storyline serve``).

Pages are readable without JavaScript; ``static/web.js`` only adds live refresh (server-sent events) and
small conveniences. Everything scraped is autoescaped, and the app's Content-Security-Policy forbids inline
scripts and styles, so all JS and CSS live in static files.
"""

from .pages import router
from .watches import router as _watches

router.include_router(_watches)

__all__ = ["router"]
