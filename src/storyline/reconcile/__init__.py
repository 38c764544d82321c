"""Story-level views built from the facts of a story's articles (entities, quotes, claims, timeline)."""
