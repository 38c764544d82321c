"""Which models the services run: by default the configured ones (MiniLM, spaCy), which each service loads
itself; or those a factory named by ``Settings.models`` builds, so the real CLI and server can run on
stand-ins in tests and benchmarks without a global switch."""

from __future__ import annotations

import importlib

from ..engine import Step
from ..exceptions import ConfigError
from ..settings import Settings
from ..vectors import Encoder


def settings_models(settings: Settings) -> tuple[Encoder | None, Step | None]:
    """(encoder, analysis step) from ``settings.models``; (None, None) leaves the services their defaults."""
    if settings.models is None:
        return None, None
    module_name, _, name = settings.models.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError, ValueError) as e:
        raise ConfigError(f"cannot load the models {settings.models!r} ({e}): give 'module:function', the module "
                          "importable (on PYTHONPATH), the function returning (encoder, analysis step)") from e
    return factory(settings)
