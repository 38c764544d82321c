"""Reading inputs into raw ``Article`` records."""

from .files import SUFFIXES, discover, read_paths

__all__ = ["SUFFIXES", "discover", "read_paths"]
