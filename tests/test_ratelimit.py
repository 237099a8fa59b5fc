"""Issue 18: one trust model for client addresses and one atomic rate-limit function.

Only TRUSTED_PROXIES may say who the client is, and only through the last X-Forwarded-For
entry (the one the proxy appends). Every limit (meldingen, newsletter, API) counts through
portal.ratelimit.hit: increment first, then check, so parallel requests never pass more
than the limit - tested with threads on the test cache, the locked file cache, Redis (when
installed) and with 20 parallel submissions of the intake form on the real database.
"""

import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client

from portal import ratelimit
from portal.cache import LockedFileBasedCache
from tests.meldformulier_helpers import fill_in, token_of

PROXY = "10.9.8.7"


@pytest.fixture
def proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "fd00::/8"]
    return settings


def test_forwarded_header_is_ignored_from_an_unknown_peer(rf, proxy):
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert ratelimit.client_address(request) == "198.51.100.4"


def test_only_the_entry_the_proxy_appended_counts(rf, proxy):
    # The client wrote "127.0.0.1, 192.0.2.1"; the proxy appended the real peer.
    request = rf.get("/", REMOTE_ADDR=PROXY,
                     HTTP_X_FORWARDED_FOR="127.0.0.1, 192.0.2.1, 203.0.113.9")
    assert ratelimit.client_address(request) == "203.0.113.9"
    ipv6_proxy = rf.get("/", REMOTE_ADDR="fd00::1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert ratelimit.client_address(ipv6_proxy) == "203.0.113.10"
    junk = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9, <script>")
    assert ratelimit.client_address(junk) == PROXY  # unreadable: fall back to the peer


@pytest.mark.django_db
def test_spoofed_loopback_does_not_reach_the_api_exempt_list(client, proxy):
    proxy.API_RATE_LIMIT = 2
    proxy.API_RATE_LIMIT_EXEMPT = ["127.0.0.1"]
    statuses = [
        client.get("/api/finder/?q=zorg", REMOTE_ADDR=PROXY,
                   HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.50").status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    direct = [client.get("/api/finder/?q=zorg", REMOTE_ADDR="203.0.113.51",
                         HTTP_X_FORWARDED_FOR="127.0.0.1").status_code for _ in range(3)]
    assert direct == [200, 200, 429]


@pytest.mark.django_db
def test_clients_behind_one_proxy_are_limited_each_on_their_own(client, proxy):
    """One resident's submissions do not lock out everyone else behind the proxy."""
    proxy.NIEUWSBRIEF_RATE_LIMIT = 1
    first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.60"}
    second = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.61"}
    url = "/nieuwsbrief/aanmelden/"
    assert client.post(url, {"email": "a1@example.org"}, **first).status_code == 200
    assert client.post(url, {"email": "a2@example.org"}, **first).status_code == 429
    assert client.post(url, {"email": "b1@example.org"}, **second).status_code == 200


def test_ipv6_clients_count_per_64_network(rf):
    one = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    same = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    other = rf.get("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert ratelimit.client_id(one) == ratelimit.client_id(same)
    assert ratelimit.client_id(one) != ratelimit.client_id(other)


def test_api_default_is_a_limit_the_server_can_enforce(settings):
    # 1200/min (20 per second from one client) was more than the three workers answer.
    assert 0 < settings.API_RATE_LIMIT <= 300
    assert settings.API_RATE_LIMIT_EXEMPT == []


def _hammer(cache_backend, monkeypatch, rf, threads=20, limit=7):
    monkeypatch.setattr(ratelimit, "cache", cache_backend)
    request = rf.post("/", REMOTE_ADDR="203.0.113.77")
    barrier = threading.Barrier(threads)
    results = []

    def attempt():
        barrier.wait()
        results.append(ratelimit.hit(request, "parallel", limit, 3600)[0])

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def test_parallel_hits_never_pass_more_than_the_limit_locmem(monkeypatch, rf):
    results = _hammer(LocMemCache("parallel", {}), monkeypatch, rf)
    assert results.count(True) == 7 and results.count(False) == 13


def test_parallel_hits_never_pass_more_than_the_limit_file_cache(monkeypatch, rf, tmp_path):
    for _ in range(3):
        results = _hammer(LockedFileBasedCache(str(tmp_path), {}), monkeypatch, rf)
        assert results.count(True) == 7
        LockedFileBasedCache(str(tmp_path), {}).clear()


@pytest.fixture
def redis_url(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_parallel_hits_never_pass_more_than_the_limit_redis(monkeypatch, rf, redis_url):
    from django.core.cache.backends.redis import RedisCache

    results = _hammer(RedisCache(redis_url, {}), monkeypatch, rf)
    assert results.count(True) == 7


def test_twenty_parallel_submissions_pass_at_most_the_limit(
        django_db_setup, django_db_blocker, settings, tmp_path):
    """20 residents' browsers behind one address post the check page at the same moment.

    Runs on the real database without a wrapping transaction (each thread has its own
    connection, as gunicorn workers do); what it stores is deleted afterwards."""
    from django.contrib.sessions.models import Session
    from django.db import connection

    from meldformulier.models import Melding

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's shared in-memory test database locks whole tables between "
                    "threads; the counter is tested in parallel above, this runs on PostgreSQL")

    settings.MELDINGEN_RATE_LIMIT = 10
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    clients, tokens = [], []
    with django_db_blocker.unblock():
        sessions_before = set(Session.objects.values_list("session_key", flat=True))
        try:
            for _ in range(20):
                browser = Client(REMOTE_ADDR="203.0.113.99")
                tokens.append(token_of(fill_in(browser)))
                clients.append(browser)
            barrier = threading.Barrier(20)
            statuses = []

            def post(browser, token):
                from django.db import connection

                barrier.wait()
                try:
                    statuses.append(browser.post("/melden/controleren/",
                                                 {"token": token, "website": ""}).status_code)
                finally:
                    connection.close()

            threads = [threading.Thread(target=post, args=pair)
                       for pair in zip(clients, tokens, strict=True)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            stored = Melding.objects.filter(idempotency_token__in=tokens).count()
            assert sorted(statuses) == [303] * 10 + [429] * 10
            assert stored == 10
        finally:
            Melding.objects.filter(idempotency_token__in=tokens).delete()
            Session.objects.exclude(session_key__in=sessions_before).delete()
