"""Fetching URLs safely: the SSRF guard, robots.txt, per-host politeness, size and time limits, redirects.

Every request Storyline makes (article URLs, feeds, webhooks) goes through a ``Fetcher``. Unless it was built
with ``allow_private=True`` (an explicit server option), it resolves each host itself, refuses the request
when any address is not public (loopback, private, link-local, multicast, reserved, unspecified, cloud
metadata; IPv4-mapped IPv6 included), and connects to the address it checked, so a DNS answer that changes
between the check and the connection (rebinding) cannot redirect it. Redirects are followed by hand, each
hop checked again. The address rules are in ``addresses.py``. The network (an ``httpx`` transport), the
resolver, the clock and the sleep are injectable so tests run without a network.
"""

from __future__ import annotations

import ipaddress
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Self
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..exceptions import BadDocument, FetchError, FetchRefused
from ..settings import FetchSettings
from .addresses import METADATA_NAMES, Resolver, parse_ipv4, refusal, system_resolver
from .decode import decode

USER_AGENT = f"Storyline/{__version__}"  # FetchSettings.contact adds who runs this instance
ROBOTS_AGENT = "Storyline"  # the token robots.txt rules name
ROBOTS_MAX_BYTES = 500_000  # Google reads the first 500 KiB of a robots.txt too
ROBOTS_RETRY = 600.0  # seconds before a robots.txt that failed with a server error is asked for again
ARTICLE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
              "application/feed+json", "application/json"}
REDIRECTS = {301, 302, 303, 307, 308}
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}  # statuses after which a later retry may succeed
@dataclass(frozen=True, slots=True)
class Fetched:
    """One response: the final URL after redirects, and the body (empty for 304)."""

    url: str
    status: int
    content: bytes
    media_type: str  # lowercase, without parameters ("text/html")
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        try:
            return decode(self.content, self.charset)
        except BadDocument as e:
            raise FetchError(e.reason, self.url, e.detail) from None


def backoff(failures: int, settings: FetchSettings, retry_after: float | None = None) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling from ``backoff_base`` up to ``backoff_max``,
    and never less than what the server asked for (``Retry-After``)."""
    delay = min(settings.backoff_max, settings.backoff_base * 2 ** max(0, failures - 1))
    return max(delay, min(retry_after or 0.0, settings.backoff_max))


@dataclass(frozen=True, slots=True)
class _Target:
    """Where one request goes: the URL as given, and the address to connect to (None: let httpx resolve)."""

    url: httpx.URL
    address: str | None


class Fetcher:
    """GET (and webhook POST) with Storyline's rules; see the module docstring. Thread-safe.

    ``get`` returns a ``Fetched`` or raises ``FetchError`` (``FetchRefused`` for policy refusals), whose
    ``transient`` and ``retry_after`` feed ``backoff``.
    """

    def __init__(self, settings: FetchSettings | None = None, *, transport: httpx.BaseTransport | None = None,
                 resolver: Resolver = system_resolver, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        settings = self.settings = settings or FetchSettings()
        user_agent = f"{USER_AGENT} (+{settings.contact})" if settings.contact else USER_AGENT
        self.resolver = resolver
        self.clock = clock
        self.sleep = sleep
        timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
        # trust_env=False: a proxy from the environment would resolve names itself, behind the guard's back.
        # No kept-alive connections: they are pooled by address, and a TLS connection verified for one name
        # must not carry a request for another name on the same address.
        self.client = httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                                   limits=httpx.Limits(max_keepalive_connections=0), headers={"User-Agent": user_agent})
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}  # host -> earliest time of its next request
        self._robots: dict[str, tuple[RobotFileParser | None, float]] = {}  # origin -> (rules or None: all allowed, expiry)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- public -------------------------------------------------------------------------------------

    def fetch(self, url: str) -> tuple[str, str, str]:
        """(text, media type, final URL) of an article or feed URL: the convenience the ingest worker uses."""
        got = self.get(url)
        return got.text(), got.media_type, got.url

    def check(self, url: str) -> str:
        """``url`` normalised, after the checks every request makes (scheme, host, addresses); FetchRefused if not."""
        return str(self._target(url).url)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: set[str] | None = None, robots: bool = True) -> Fetched:
        """GET ``url`` following up to ``max_redirects`` redirects, each hop checked; a conditional GET when
        ``etag``/``last_modified`` are given (a 304 comes back as ``Fetched.not_modified``). ``accept``: the
        media types wanted (default: articles and feeds)."""
        accept = accept or set(ARTICLE_TYPES) | FEED_TYPES
        headers = {"Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            target = self._target(current)
            if robots and not self._robots_allow(target):
                raise FetchRefused("robots-disallowed", str(target.url), "the site's robots.txt disallows it")
            status, response_headers, content = self._request("GET", target, headers)
            if status in REDIRECTS and "location" in response_headers:
                current = urljoin(str(target.url), response_headers["location"])
                continue
            return self._result(str(target.url), status, response_headers, content, accept)
        raise FetchError("too-many-redirects", url, f"more than {self.settings.max_redirects}")

    def post_json(self, url: str, payload: dict) -> int:
        """POST ``payload`` as JSON (a webhook); the status, FetchError when it is no 2xx. Redirects are not
        followed: a webhook that moved must be saved again with its new URL. No per-host interval: the
        receiver asked for these calls, and they must not wait behind each other."""
        status, headers, _ = self._request("POST", self._target(url), {"Content-Type": "application/json"},
                                           body=json.dumps(payload, ensure_ascii=False).encode(), polite=False)
        if not 200 <= status < 300:
            raise FetchError(f"http-{status}", url, transient=status in TRANSIENT, retry_after=_retry_after(headers))
        return status

    # --- checks ---------------------------------------------------------------------------------------

    def _target(self, url: str) -> _Target:
        try:
            parsed = httpx.URL(url.strip())
        except (httpx.InvalidURL, TypeError) as e:
            raise FetchRefused("invalid-url", url, str(e)) from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise FetchRefused("invalid-url", url, "only http:// and https:// URLs with a host are fetched")
        if parsed.userinfo:
            raise FetchRefused("invalid-url", url, "URLs with a user name or password are not fetched")
        if self.settings.allow_private:
            return _Target(parsed, None)
        host = parsed.host.rstrip(".").lower()
        if host in METADATA_NAMES:
            raise FetchRefused("private-address", url, "cloud metadata host")
        literal = self._literal(host, url)
        addresses = [literal] if literal else [self._address(a, url) for a in self.resolver(host)]
        if not addresses:
            raise FetchError("dns-failed", url, "the name has no address", transient=True)
        for address in addresses:
            why = refusal(address)
            if why:
                named = host if host.strip("[]") == str(address) else f"{host} resolves to {address}, which"
                raise FetchRefused("private-address", url, f"{named} is a {why}; the --allow-private option "
                                   "permits it")
        return _Target(parsed, str(addresses[0]))

    @staticmethod
    def _literal(host: str, url: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        try:
            return ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            pass
        try:
            return parse_ipv4(host)
        except FetchRefused as e:
            raise FetchRefused(e.reason, url, e.detail) from None

    @staticmethod
    def _address(value: str, url: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
        try:
            return ipaddress.ip_address(value.split("%")[0])  # an IPv6 zone ("%eth0") names no other address
        except ValueError:
            raise FetchError("dns-failed", url, f"the resolver gave {value!r}, not an address") from None

    def _robots_allow(self, target: _Target) -> bool:
        origin = f"{target.url.scheme}://{target.url.netloc.decode('ascii')}"
        with self._lock:
            rules, expiry = self._robots.get(origin, (None, -1.0))
        if expiry < self.clock():
            rules, ttl = self._load_robots(origin)
            expiry = self.clock() + ttl
            with self._lock:
                self._robots[origin] = (rules, expiry)
        return rules is None or rules.can_fetch(ROBOTS_AGENT, str(target.url))

    def _load_robots(self, origin: str) -> tuple[RobotFileParser | None, float]:
        """The parsed robots.txt of ``origin`` and how long to keep it. Missing (4xx): everything allowed; a
        server error: nothing allowed for a while, as the robots.txt standard (RFC 9309) asks; an unreachable
        host: its FetchError."""
        try:
            got = self.get(f"{origin}/robots.txt", accept={"text/plain"}, robots=False)
            text = got.content[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        except FetchError as e:
            if e.reason.startswith("http-4") or e.reason == "unsupported-type":  # none, or an HTML error page
                return None, self.settings.robots_ttl
            if e.transient and not e.reason.startswith("http-"):
                raise  # the host cannot be reached: say so, rather than blame robots.txt (nothing is cached)
            text, ttl = "User-agent: *\nDisallow: /\n", ROBOTS_RETRY
        else:
            ttl = self.settings.robots_ttl
        rules = RobotFileParser()
        rules.parse(text.splitlines())
        return rules, ttl

    # --- the request ----------------------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        """Per-host politeness: at most one request every ``host_interval`` seconds to one host."""
        with self._lock:
            now = self.clock()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.settings.host_interval
        if slot > now:
            self.sleep(slot - now)

    def _request(self, method: str, target: _Target, headers: dict[str, str], body: bytes | None = None,
                 polite: bool = True) -> tuple[int, httpx.Headers, bytes]:
        url = target.url
        extensions = {}
        if target.address is not None:
            # Connect to the checked address; the name stays in the Host header and in TLS (SNI, certificate).
            headers = {**headers, "Host": url.netloc.decode("ascii")}
            if url.scheme == "https":
                extensions["sni_hostname"] = url.host
            url = url.copy_with(host=target.address)
        if polite:
            self._wait_turn(target.url.host)
        shown = str(target.url)
        started = self.clock()
        try:
            request = self.client.build_request(method, url, headers=headers, content=body, extensions=extensions)
            response = self.client.send(request, stream=True)
        except httpx.TimeoutException as e:
            raise FetchError("timeout", shown, type(e).__name__, transient=True) from None
        except httpx.HTTPError as e:
            raise FetchError("connection-failed", shown, f"{type(e).__name__}: {e}", transient=True) from None
        try:
            return response.status_code, response.headers, self._read(response, shown, started)
        finally:
            response.close()

    def _read(self, response: httpx.Response, shown: str, started: float) -> bytes:
        """The body, streamed and stopped at ``max_bytes`` or ``total_timeout`` (never read whole first)."""
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("too-large", shown, f"{int(declared):,} bytes declared; the limit is {limit:,}")
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError("too-large", shown, f"over {limit:,} bytes")
                if self.clock() - started > self.settings.total_timeout:
                    raise FetchError("timeout", shown, f"over {self.settings.total_timeout:g} s in all", transient=True)
        except httpx.TimeoutException as e:
            raise FetchError("timeout", shown, type(e).__name__, transient=True) from None
        except httpx.HTTPError as e:
            raise FetchError("connection-failed", shown, f"{type(e).__name__}: {e}", transient=True) from None
        return bytes(body)

    def _result(self, url: str, status: int, headers: httpx.Headers, content: bytes, accept: set[str]) -> Fetched:
        if status == 304:
            return Fetched(url, status, b"", "", None, headers.get("etag"), headers.get("last-modified"))
        if not 200 <= status < 300:
            raise FetchError(f"http-{status}", url, transient=status in TRANSIENT, retry_after=_retry_after(headers))
        media_type, _, params = headers.get("content-type", "").partition(";")
        media_type = media_type.strip().lower()
        if media_type not in accept:
            raise FetchError("unsupported-type", url, f"{media_type or 'no content type'}; expected one of "
                             + ", ".join(sorted(accept)))
        charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.IGNORECASE)
        return Fetched(url, status, content, media_type, charset.group(1) if charset else None,
                       headers.get("etag"), headers.get("last-modified"))


def _retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After in seconds (it may be a number of seconds or an HTTP date); None when absent or unreadable."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())

