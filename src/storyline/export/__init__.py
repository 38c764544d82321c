"""Exports of articles and stories: the JSON document (schema ``storyline/3``) and views of it.

``document`` builds, validates and writes the JSON; ``markdown``, ``html`` and ``terminal`` render a
document for people. Import those submodules directly: each pulls in only what it needs.
"""

from .document import SCHEMA_ID, to_document, validate, write_json

__all__ = ["SCHEMA_ID", "to_document", "validate", "write_json"]
