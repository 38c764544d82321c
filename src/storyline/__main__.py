"""`python -m storyline`: the same command line as the `storyline` script (for a checkout that is not installed)."""

from .cli import entrypoint

entrypoint()
