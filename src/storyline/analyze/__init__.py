"""Per-article analysis used for grouping and dossiers (named entities, ...)."""
