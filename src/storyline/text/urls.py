"""URLs as article identities: only http(s), and one spelling per address so a re-submission finds its article."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ..exceptions import InputError

MAX_URL_CHARS = 2048
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """The canonical form of an http(s) URL: scheme and host lowercased, default port and fragment dropped,
    an empty path as ``/``. InputError for anything that is not a plain http(s) address."""
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise InputError(f"the URL is {len(url):,} characters long; at most {MAX_URL_CHARS:,} are accepted")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise InputError(f"not a valid URL: {url!r} ({e})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InputError(f"only http and https URLs can be fetched, not {url!r}")
    if not parts.hostname:
        raise InputError(f"the URL {url!r} has no host")
    if parts.username or parts.password:
        raise InputError(f"the URL {url!r} carries credentials; submit it without user:password@")
    if any(c.isspace() for c in url):
        raise InputError(f"the URL {url!r} contains white space; percent-encode it")
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
