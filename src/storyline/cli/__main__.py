"""``python -m storyline.cli``."""

from . import entrypoint

entrypoint()
