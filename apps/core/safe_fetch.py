"""Fetch a URL a member gave us without letting them aim the server at itself.

A link preview makes the server fetch an address a member chose: without
care, `http://169.254.169.254/…` reads the cloud's credentials and
`http://10.0.0.5:6379/` talks to an internal service (SSRF). `fetch()`:

- takes `http` and `https` only, on the usual web ports, without user or
  password in the URL;
- resolves the host itself (`socket.getaddrinfo`, bounded in time) and
  refuses when ANY address it resolves to is not a public one
  (`address_refusal`: loopback, private, link-local, CGNAT, ULA, multicast,
  reserved, unspecified, cloud metadata, IPv4 mapped or embedded in IPv6);
  IP literals in any spelling (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`)
  are classified the same way;
- connects to the address it vetted (the connection is pinned: the host
  name is sent as `Host` and as the TLS server name, never resolved a second
  time), so DNS rebinding cannot swap the address between check and use;
- follows at most `max_redirects` redirects, checking each hop as the first;
- caps the whole exchange, redirects included, at `timeout` seconds and the
  body at `max_bytes` (cut, or refused with `truncate=False`);
- accepts only the content types asked for, sends no cookie, no
  credentials, and asks for no compression (no decompression bomb).

Hosts in `allowed_hosts` (`host` or `host:port`, from a setting such as
QUORUM_PREVIEW_ALLOWED_HOSTS) skip the address check and the port rule: the
tests' local server, an intranet wiki on purpose. Nothing here knows about
Django models; callers decide what a failure means.

Errors: `FetchRefused` (we would not fetch: the address, scheme, size, type)
and `FetchFailed` (we tried: DNS, connection, timeout, HTTP status), both
`FetchError` with a short machine `reason` for logs and staff screens.
"""

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_REDIRECTS = 3
DEFAULT_USER_AGENT = "QuorumPreview/1.0"
# Ports a public page may be on; an allowed host may use any.
ALLOWED_PORTS = frozenset({80, 443, 8080, 8443})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 16_384
MAX_URL_LENGTH = 2000

# Cloud metadata services: link-local or unique-local anyway, named so the
# reason says what was aimed at.
METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack…
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task credentials
        ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    }
)
CGNAT = ipaddress.ip_network("100.64.0.0/10")
UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class FetchError(Exception):
    """A fetch that gave no usable answer; `reason` is a short code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


class FetchRefused(FetchError):
    """We would not fetch this (an address, scheme, port, type or size rule)."""


class FetchFailed(FetchError):
    """We tried and got nothing usable (DNS, connection, timeout, HTTP status)."""


@dataclass(frozen=True)
class FetchResult:
    url: str  # the final URL, after redirects
    status: int
    content_type: str  # the media type alone, lowercased: "text/html"
    charset: str  # from the Content-Type header, "" when absent
    body: bytes
    truncated: bool  # the body was cut at max_bytes


# --- addresses ---------------------------------------------------------------------


def address_refusal(address: IPAddress) -> str | None:
    """Why the server must not connect to `address`, or None for a public one.

    IPv6 addresses that carry an IPv4 one (mapped `::ffff:a.b.c.d`, NAT64,
    6to4) are judged by the IPv4 address inside as well. Anything Python does
    not call global is refused, so ranges nobody listed here (documentation,
    benchmarking, 192.0.0.0/24) are refused too.
    """
    if address in METADATA_ADDRESSES:
        return "metadata"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            inner = address_refusal(embedded)
            if inner is not None:
                return inner
        if address in UNIQUE_LOCAL:
            return "unique_local"
    if address.is_link_local:
        return "link_local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in CGNAT:
        return "shared"
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "not_global"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in network for network in NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0:  # IPv4-compatible ::a.b.c.d (deprecated)
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def parse_ip_literal(host: str) -> IPAddress | None:
    """`host` as an IP address when it is one in any spelling the C
    resolver accepts (`127.1`, `2130706433`, `0x7f.1`, `0177.0.0.1`), else
    None (a name to resolve)."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and all(part and _is_number(part) for part in host.split(".")):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            raise FetchRefused("bad_host", host) from None
    return None


def _is_number(part: str) -> bool:
    lowered = part.lower()
    if lowered.startswith("0x"):
        return all(c in "0123456789abcdef" for c in lowered[2:])
    return part.isdigit()


def resolve(host: str, port: int, *, timeout: float) -> list[IPAddress]:
    """Every address `host` resolves to, in the resolver's order; the lookup
    runs in a thread so it cannot outlast `timeout`."""
    literal = parse_ip_literal(host)
    if literal is not None:
        return [literal]
    outcome: dict[str, object] = {}

    def lookup() -> None:
        try:
            outcome["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            outcome["error"] = error

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(max(timeout, 0.01))
    if thread.is_alive():
        raise FetchFailed("dns_timeout", host)
    if "error" in outcome:
        raise FetchFailed("dns", f"{host}: {outcome['error']}")
    addresses: list[IPAddress] = []
    for family, _type, _proto, _canon, sockaddr in outcome["infos"]:  # type: ignore[attr-defined]
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchFailed("dns", f"{host}: no address")
    return addresses


# --- the fetch ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII (IDNA), lowercased, without brackets
    port: int
    path: str  # path and query, what the request line carries

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def parse_target(url: str) -> _Target:
    """Check the URL's shape (scheme, credentials, port) and split it."""
    if len(url) > MAX_URL_LENGTH:
        raise FetchRefused("bad_url", "too long")
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        raise FetchRefused("bad_url", "whitespace or control character")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchRefused("bad_url", str(error)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused("scheme", scheme or "none")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("credentials")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchRefused("bad_url", "no host")
    if ":" not in host:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise FetchRefused("bad_host", host) from None
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    # The request line is ASCII: other characters go percent-encoded (UTF-8).
    path = "".join(c if c.isascii() else quote(c) for c in path)
    return _Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def host_allowed(target: _Target, allowed_hosts: Iterable[str]) -> bool:
    """Whether `target` is on the allowlist: `host` (any port) or
    `host:port`, an IPv6 address in brackets with a port (`[fd00::5]:8080`)."""
    for entry in allowed_hosts:
        entry = entry.strip().lower().rstrip(".")
        if not entry:
            continue
        if entry.startswith("["):
            host, _, rest = entry[1:].partition("]")
            port = rest.removeprefix(":")
        elif entry.count(":") == 1:
            host, _, port = entry.partition(":")
        else:
            host, port = entry, ""
        if host == target.host and (not port or port == str(target.port)):
            return True
    return False


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the vetted address, whatever the Host header says."""

    def __init__(self, address: IPAddress, port: int, *, timeout: float) -> None:
        super().__init__(str(address), port, timeout=timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to the vetted address, with the host name for SNI and the
    certificate check (the system's CAs unless a context is given)."""

    def __init__(
        self,
        address: IPAddress,
        port: int,
        *,
        server_hostname: str,
        timeout: float,
        context: ssl.SSLContext | None = None,
    ) -> None:
        context = context or ssl.create_default_context()
        super().__init__(str(address), port, timeout=timeout, context=context)
        self._server_hostname = server_hostname

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self._server_hostname)  # type: ignore[attr-defined]


def fetch(
    url: str,
    *,
    accept: Collection[str] = ("text/html",),
    max_bytes: int = DEFAULT_MAX_BYTES,
    truncate: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allowed_hosts: Iterable[str] = (),
    user_agent: str = DEFAULT_USER_AGENT,
    ssl_context: ssl.SSLContext | None = None,
) -> FetchResult:
    """GET `url` under the rules of the module docstring.

    `accept`: the media types taken (others raise FetchRefused("content_type")).
    `max_bytes`: the body is cut there (`truncated=True`), or with
    `truncate=False` the fetch is refused ("too_large"). `timeout`: seconds
    for everything, redirects included. `ssl_context`: certificates are
    checked against the system's CAs unless another context is given.
    """
    deadline = time.monotonic() + timeout
    allowed = list(allowed_hosts)
    accepted = {kind.lower() for kind in accept}
    current = url
    for hop in range(max_redirects + 1):
        target = parse_target(current)
        response, connection, sock = _request(
            target, allowed, deadline, user_agent, accepted, ssl_context
        )
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise FetchFailed("http_status", f"{response.status} without Location")
                if hop == max_redirects:
                    raise FetchRefused("too_many_redirects", str(max_redirects))
                current = urljoin(current, location.strip())
                continue
            if not 200 <= response.status < 300:
                raise FetchFailed("http_status", str(response.status))
            content_type, charset = _content_type(response.getheader("Content-Type", ""))
            if content_type not in accepted:
                raise FetchRefused("content_type", content_type or "none")
            body, truncated = _read_body(response, sock, max_bytes, truncate, deadline)
            return FetchResult(current, response.status, content_type, charset, body, truncated)
        finally:
            response.close()
            connection.close()
    raise FetchRefused("too_many_redirects", str(max_redirects))  # pragma: no cover


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchFailed("timeout")
    return left


def _request(
    target: _Target,
    allowed: list[str],
    deadline: float,
    user_agent: str,
    accepted: set[str],
    ssl_context: ssl.SSLContext | None,
) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection, socket.socket]:
    trusted = host_allowed(target, allowed)
    if not trusted and target.port not in ALLOWED_PORTS:
        raise FetchRefused("port", str(target.port))
    addresses = resolve(target.host, target.port, timeout=_remaining(deadline))
    if not trusted:
        for address in addresses:
            refusal = address_refusal(address)
            if refusal is not None:
                raise FetchRefused(refusal, f"{target.host} -> {address}")
    headers = {
        "Host": target.host_header,
        "User-Agent": user_agent,
        "Accept": ", ".join(sorted(accepted)) + ", */*;q=0.1",
        "Accept-Encoding": "identity",
        "Connection": "close",
    }
    last_error: Exception | None = None
    for address in addresses:
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            connection = _PinnedHTTPSConnection(
                address,
                target.port,
                server_hostname=target.host,
                timeout=_remaining(deadline),
                context=ssl_context,
            )
        else:
            connection = _PinnedHTTPConnection(address, target.port, timeout=_remaining(deadline))
        try:
            connection.request("GET", target.path, headers=headers)
            # Kept: getresponse() hands the socket to the response and forgets it.
            sock = connection.sock
            sock.settimeout(_remaining(deadline))
            return connection.getresponse(), connection, sock
        except FetchError:
            connection.close()
            raise
        except TimeoutError:
            connection.close()
            raise FetchFailed("timeout") from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            connection.close()
            last_error = error
    raise FetchFailed("connection", f"{target.host}: {last_error}")


def _content_type(header: str) -> tuple[str, str]:
    media_type, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()[:40]
    return media_type.strip().lower(), charset


def _read_body(
    response: http.client.HTTPResponse,
    sock: socket.socket,
    max_bytes: int,
    truncate: bool,
    deadline: float,
) -> tuple[bytes, bool]:
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes and not truncate:
        raise FetchRefused("too_large", length.strip())
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            left = _remaining(deadline)
            if sock.fileno() != -1:  # -1: the response read its end and closed it
                sock.settimeout(left)
            # read1: whatever has arrived (at most CHUNK), so a server that
            # drips a byte at a time still meets the deadline.
            chunk = response.read1(CHUNK)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                if not truncate:
                    raise FetchRefused("too_large", f">{max_bytes}")
                return b"".join(chunks)[:max_bytes], True
    except TimeoutError:
        raise FetchFailed("timeout") from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchFailed("read", str(error)) from None
