"""apps.core.safe_fetch: the address classifier, URL checks, and fetches
against a local server (allowed as 127.0.0.1, the way the setting allows it)."""

import ipaddress
import socket
import time

import pytest

from apps.core import safe_fetch
from apps.core.safe_fetch import FetchFailed, FetchRefused, address_refusal, fetch
from apps.core.tests.webserver import Route, html_page, local_server, tls_contexts

ALLOWED = ["127.0.0.1"]


@pytest.fixture
def web():
    with local_server() as server:
        yield server


# --- the address classifier ----------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("127.255.255.254", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - an address to refuse, not to bind
        ("::", "unspecified"),
        ("10.0.0.1", "private"),
        ("10.255.255.255", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.1.1", "link_local"),
        ("fe80::1", "link_local"),
        ("169.254.169.254", "metadata"),
        ("169.254.170.2", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("100.100.100.200", "metadata"),
        ("100.64.0.1", "shared"),
        ("100.127.255.254", "shared"),
        ("fc00::1", "unique_local"),
        ("fd12:3456:789a::1", "unique_local"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "metadata"),
        ("::127.0.0.1", "loopback"),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("2002:a00:1::", "private"),  # 6to4 around 10.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 around 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused_with_their_reason(address, reason):
    assert address_refusal(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    "address",
    [
        "240.0.0.1",  # reserved (class E)
        "255.255.255.255",  # broadcast
        "192.0.2.1",  # documentation
        "198.51.100.7",
        "203.0.113.9",
        "198.18.0.1",  # benchmarking
        "192.0.0.8",  # IETF protocol assignments
        "0.1.2.3",  # "this network"
        "2001:db8::1",  # documentation
        "2001::1",  # Teredo
        "100::1",  # discard-only
        "::ffff:8.8.8.8",  # IPv4-mapped: never what a public name resolves to
    ],
)
def test_other_special_ranges_are_refused(address):
    assert address_refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.1", "2606:4700::1111"],
)
def test_public_addresses_are_allowed(address):
    assert address_refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("167772161", "10.0.0.1"),
        ("[::ffff:127.0.0.1]", "127.0.0.1"),
        ("::1", "::1"),
    ],
)
def test_ip_literals_in_every_spelling_are_read_as_addresses(host, address):
    parsed = safe_fetch.parse_ip_literal(host)
    expected = ipaddress.ip_address(address)
    assert parsed == expected or getattr(parsed, "ipv4_mapped", None) == expected


def test_names_are_not_ip_literals():
    assert safe_fetch.parse_ip_literal("example.com") is None
    assert safe_fetch.parse_ip_literal("1e100.net") is None


# --- URLs refused before any connection ------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/file",
        "javascript:alert(1)",
        "gopher://127.0.0.1:6379/_INFO",
        "data:text/html,<b>hi</b>",
        "dict://127.0.0.1:11211/stat",
        "//example.com/",
        "example.com",
    ],
)
def test_schemes_other_than_http_are_refused(url):
    with pytest.raises(FetchRefused) as refused:
        fetch(url, allowed_hosts=ALLOWED)
    assert refused.value.reason == "scheme"


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::1]/",
        "http://[::]/",
        "http://0.0.0.0/",
        "http://127.0.0.2/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[fc00::1]/",
        "http://167772161/",
    ],
)
def test_private_ip_literals_are_refused_even_next_to_an_allowed_host(url):
    with pytest.raises(FetchRefused):
        fetch(url, allowed_hosts=ALLOWED)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(FetchRefused) as refused:
        fetch("http://user:secret@example.com/")
    assert refused.value.reason == "credentials"


def test_unusual_ports_are_refused_on_public_hosts():
    with pytest.raises(FetchRefused) as refused:
        fetch("http://example.com:6379/")
    assert refused.value.reason == "port"


def test_a_url_with_spaces_or_control_characters_is_refused():
    for url in (
        "http://exa mple.com/",
        "http://example.com/\r\nX-Injected: 1",
        "http://example.com/\x00",
    ):
        with pytest.raises(FetchRefused):
            fetch(url)


# --- resolution ------------------------------------------------------------------------


def _resolver(monkeypatch, answers: dict[str, list[str]], calls: list[str] | None = None):
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if calls is not None:
            calls.append(host)
        if host not in answers:
            return real(host, port, *args, **kwargs)
        out = []
        for address in answers[host]:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
            out.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
        return out

    monkeypatch.setattr(safe_fetch.socket, "getaddrinfo", fake)


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch):
    _resolver(monkeypatch, {"intranet.example": ["10.0.0.5"]})
    with pytest.raises(FetchRefused) as refused:
        fetch("http://intranet.example/")
    assert refused.value.reason == "private"


def test_a_name_with_any_private_address_among_public_ones_is_refused(monkeypatch):
    _resolver(monkeypatch, {"mixed.example": ["93.184.216.34", "127.0.0.1"]})
    with pytest.raises(FetchRefused) as refused:
        fetch("http://mixed.example/")
    assert refused.value.reason == "loopback"


def test_a_name_resolving_to_the_metadata_service_is_refused(monkeypatch):
    _resolver(monkeypatch, {"metadata.example": ["169.254.169.254"]})
    with pytest.raises(FetchRefused) as refused:
        fetch("http://metadata.example/latest/meta-data/")
    assert refused.value.reason == "metadata"


def test_the_connection_goes_to_the_vetted_address_resolved_once(web, monkeypatch):
    """DNS rebinding: a second lookup would answer another address; there is none."""
    web.routes["/"] = Route(html_page("<title>Pinned</title>"))
    calls: list[str] = []
    answers = {"pinned.example": ["127.0.0.1"]}
    _resolver(monkeypatch, answers, calls)
    original = safe_fetch.resolve

    def resolve_then_rebind(host, port, *, timeout):
        addresses = original(host, port, timeout=timeout)
        answers["pinned.example"] = ["10.0.0.1"]  # the attacker's DNS flips
        return addresses

    monkeypatch.setattr(safe_fetch, "resolve", resolve_then_rebind)
    result = fetch(f"http://pinned.example:{web.port}/", allowed_hosts=["pinned.example"])
    assert b"Pinned" in result.body
    # One lookup of the name; the connection itself only "resolves" the vetted IP literal.
    assert [host for host in calls if safe_fetch.parse_ip_literal(host) is None] == [
        "pinned.example"
    ]
    assert set(calls) - {"pinned.example"} <= {"127.0.0.1"}
    assert web.requests[0][1]["host"] == f"pinned.example:{web.port}"


def test_an_unknown_name_fails():
    with pytest.raises(FetchFailed) as failed:
        fetch("http://does-not-exist.invalid/")
    assert failed.value.reason == "dns"


# --- fetching from the local server ----------------------------------------------------


def test_a_page_is_fetched_with_a_clear_user_agent_and_no_cookie(web):
    web.routes["/page"] = Route(html_page("<title>Hi</title>"))
    result = fetch(web.url("/page"), allowed_hosts=ALLOWED, user_agent="QuorumPreview/1.0 (+x)")
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert b"<title>Hi</title>" in result.body
    assert not result.truncated
    headers = web.requests[0][1]
    assert headers["user-agent"] == "QuorumPreview/1.0 (+x)"
    assert headers["accept-encoding"] == "identity"
    assert "cookie" not in headers and "authorization" not in headers


def test_the_allowlist_takes_a_port(web):
    web.routes["/"] = Route(html_page("<title>Hi</title>"))
    assert fetch(web.url("/"), allowed_hosts=[f"127.0.0.1:{web.port}"]).status == 200
    with pytest.raises(FetchRefused):
        fetch(web.url("/"), allowed_hosts=[f"127.0.0.1:{web.port + 1}"])


def test_without_the_allowlist_the_local_server_is_refused(web):
    web.routes["/"] = Route(html_page("<title>Hi</title>"))
    with pytest.raises(FetchRefused) as refused:
        fetch(web.url("/"))
    assert refused.value.reason in ("port", "loopback")
    assert web.requests == []


def test_redirects_are_followed_and_the_final_url_returned(web):
    web.routes["/a"] = Route(status=302, headers={"Location": "/b", "Set-Cookie": "s=1"})
    web.routes["/b"] = Route(status=301, headers={"Location": web.url("/c")})
    web.routes["/c"] = Route(html_page("<title>C</title>"))
    result = fetch(web.url("/a"), allowed_hosts=ALLOWED)
    assert result.url == web.url("/c")
    assert [path for path, _headers in web.requests] == ["/a", "/b", "/c"]
    assert all("cookie" not in headers for _path, headers in web.requests)


def test_three_redirects_are_followed_and_a_fourth_refused(web):
    for hop in range(4):
        web.routes[f"/r{hop}"] = Route(status=302, headers={"Location": f"/r{hop + 1}"})
    web.routes["/r3"] = Route(html_page("<title>end</title>"))
    assert fetch(web.url("/r0"), allowed_hosts=ALLOWED).url == web.url("/r3")
    web.routes["/r3"] = Route(status=302, headers={"Location": "/r4"})
    web.routes["/r4"] = Route(html_page("<title>too far</title>"))
    with pytest.raises(FetchRefused) as refused:
        fetch(web.url("/r0"), allowed_hosts=ALLOWED)
    assert refused.value.reason == "too_many_redirects"
    assert web.hits("/r4") == 0


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://127.0.0.2/", "loopback"),
        ("http://10.0.0.1/admin", "private"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://2130706433/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0x7f.1:{port}/", "port"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://127.0.0.1:6379/_FLUSHALL", "scheme"),
    ],
)
def test_a_redirect_to_a_private_address_or_another_scheme_is_refused(web, location, reason):
    web.routes["/go"] = Route(status=302, headers={"Location": "/go2"})
    web.routes["/go2"] = Route(status=307, headers={"Location": location.format(port=web.port)})
    with pytest.raises(FetchRefused) as refused:
        fetch(web.url("/go"), allowed_hosts=ALLOWED)
    assert refused.value.reason == reason


def test_an_oversized_page_is_cut(web):
    web.routes["/big"] = Route(b"<title>Big</title>" + b"x" * 3000)
    result = fetch(web.url("/big"), allowed_hosts=ALLOWED, max_bytes=1000)
    assert result.truncated
    assert len(result.body) == 1000
    assert result.body.startswith(b"<title>Big</title>")


@pytest.mark.parametrize("send_length", [True, False])
def test_an_oversized_body_is_refused_when_it_must_be_whole(web, send_length):
    web.routes["/big.png"] = Route(b"x" * 5000, content_type="image/png", send_length=send_length)
    with pytest.raises(FetchRefused) as refused:
        fetch(
            web.url("/big.png"),
            allowed_hosts=ALLOWED,
            accept=("image/png",),
            max_bytes=1000,
            truncate=False,
        )
    assert refused.value.reason == "too_large"


def test_a_slow_server_times_out(web):
    web.routes["/slow"] = Route(html_page("<title>late</title>"), delay=2.0)
    started = time.monotonic()
    with pytest.raises(FetchFailed) as failed:
        fetch(web.url("/slow"), allowed_hosts=ALLOWED, timeout=0.5)
    assert failed.value.reason == "timeout"
    assert time.monotonic() - started < 1.5


def test_a_server_dripping_bytes_cannot_outlast_the_whole_timeout(web):
    """Each byte comes in time for a per-read timeout; the total one stops it."""
    web.routes["/drip"] = Route(b"<title>" + b"x" * 200, drip=0.05)
    started = time.monotonic()
    with pytest.raises(FetchFailed) as failed:
        fetch(web.url("/drip"), allowed_hosts=ALLOWED, timeout=0.6)
    assert failed.value.reason == "timeout"
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    "content_type", ["application/json", "image/png", "text/plain", "application/octet-stream", ""]
)
def test_content_types_not_asked_for_are_refused(web, content_type):
    web.routes["/data"] = Route(b"{}", content_type=content_type)
    with pytest.raises(FetchRefused) as refused:
        fetch(web.url("/data"), allowed_hosts=ALLOWED)
    assert refused.value.reason == "content_type"


def test_an_error_status_fails(web):
    with pytest.raises(FetchFailed) as failed:
        fetch(web.url("/missing"), allowed_hosts=ALLOWED)
    assert failed.value.reason == "http_status"


def test_a_refused_connection_fails(web):
    port = web.port
    web.server.server_close()
    web.server.shutdown()
    with pytest.raises(FetchFailed) as failed:
        fetch(f"http://127.0.0.1:{port}/", allowed_hosts=ALLOWED, timeout=1)
    assert failed.value.reason in ("connection", "timeout")


# --- HTTPS: connected to the vetted address, verified against the name ---------------


def test_https_connects_to_the_pinned_address_and_checks_the_certificate_of_the_name(
    monkeypatch,
):
    server_tls, client_tls = tls_contexts("secure.example")
    with local_server(tls=server_tls) as web:
        web.routes["/"] = Route(html_page("<title>Secure</title>"))
        _resolver(monkeypatch, {"secure.example": ["127.0.0.1"]})
        result = fetch(
            f"https://secure.example:{web.port}/",
            allowed_hosts=["secure.example"],
            ssl_context=client_tls,
        )
        assert b"Secure" in result.body
        assert web.requests[0][1]["host"] == f"secure.example:{web.port}"


def test_https_refuses_a_certificate_for_another_name(monkeypatch):
    server_tls, client_tls = tls_contexts("other.example")
    with local_server(tls=server_tls) as web:
        web.routes["/"] = Route(html_page("<title>Secure</title>"))
        _resolver(monkeypatch, {"secure.example": ["127.0.0.1"]})
        with pytest.raises(FetchFailed) as failed:
            fetch(
                f"https://secure.example:{web.port}/",
                allowed_hosts=["secure.example"],
                ssl_context=client_tls,
            )
        assert failed.value.reason == "connection"
        assert web.requests == []


def test_https_without_our_ca_is_refused_by_the_system_store(monkeypatch):
    server_tls, _client_tls = tls_contexts("secure.example")
    with local_server(tls=server_tls) as web:
        _resolver(monkeypatch, {"secure.example": ["127.0.0.1"]})
        with pytest.raises(FetchFailed):
            fetch(f"https://secure.example:{web.port}/", allowed_hosts=["secure.example"])


@pytest.mark.parametrize(
    ("entry", "url", "allowed"),
    [
        ("wiki.internal", "http://wiki.internal/", True),
        ("wiki.internal", "http://wiki.internal:8080/", True),
        ("WIKI.internal", "http://wiki.INTERNAL/", True),
        ("wiki.internal:8080", "http://wiki.internal:8080/", True),
        ("wiki.internal:8080", "http://wiki.internal/", False),
        ("wiki.internal", "http://evil-wiki.internal/", False),
        ("wiki.internal", "http://wiki.internal.evil.example/", False),
        ("[fd00::5]:8080", "http://[fd00::5]:8080/", True),
        ("[fd00::5]:8080", "http://[fd00::5]:8081/", False),
        ("fd00::5", "http://[fd00::5]/", True),
        ("127.0.0.1", "http://2130706433/", False),
        ("127.0.0.1", "http://[::ffff:127.0.0.1]/", False),
    ],
)
def test_the_allowlist_matches_exact_hosts_and_ports(entry, url, allowed):
    assert safe_fetch.host_allowed(safe_fetch.parse_target(url), [entry]) is allowed


def test_a_path_with_other_scripts_is_sent_percent_encoded(web):
    web.routes["/caf%C3%A9?q=%C3%A9t%C3%A9"] = Route(html_page("<title>Café</title>"))
    result = fetch(web.url("/café?q=été"), allowed_hosts=ALLOWED)
    assert result.status == 200
