"""Production shape under load: 50 clients and 10 slow clients through nginx + gunicorn.

Starts `python -m portal.serve` (what `make serve` runs: nginx in front when installed,
gunicorn, worker, planner) on a scratch SQLite database with the demo content. Ten slow
clients each send a request one byte every half second for the whole run (reconnecting when
the proxy closes them); fifty clients fetch pages as fast as they can. Prints requests per
second, p50/p95 latency and failures. `--direct` runs the same without the proxy
(PROXY=none) for comparison.

    .venv/bin/python -m benchmarks.proxy_load [--seconds 20] [--direct]
"""

import argparse
import http.client
import socket
import statistics
import threading
import time
from urllib.parse import urlsplit

from benchmarks._server import production_server

PAGES = ["/", "/privacy/", "/zoeken/?q=wmo", "/kennisbank/", "/healthz"]


def slow_client(host, port, stop, counters):
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"x" * 400 + b"\r\n\r\n"
    while not stop.is_set():
        try:
            with socket.create_connection((host, port), timeout=5) as sock:
                counters["slow_connections"] += 1
                for byte in request:
                    if stop.is_set():
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(0.5)
        except OSError:
            counters["slow_dropped"] += 1
            time.sleep(0.5)


def fast_client(host, port, stop, latencies, failures):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    number = 0
    while not stop.is_set():
        path = PAGES[number % len(PAGES)]
        number += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                failures.append(response.status)
            else:
                latencies.append(time.perf_counter() - started)
        except (OSError, http.client.HTTPException) as exc:
            failures.append(type(exc).__name__)
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)


def run(seconds, direct):
    extra = {"PROXY": "none"} if direct else {}
    with production_server(workers=3, extra_env=extra) as (base, _env):
        parts = urlsplit(base)
        host, port = parts.hostname, parts.port
        stop = threading.Event()
        latencies, failures = [], []
        counters = {"slow_connections": 0, "slow_dropped": 0}
        threads = [threading.Thread(target=slow_client, args=(host, port, stop, counters))
                   for _ in range(10)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # the slow clients are connected before the others start
        fast = [threading.Thread(target=fast_client, args=(host, port, stop, latencies, failures))
                for _ in range(50)]
        started = time.perf_counter()
        for thread in fast:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in fast + threads:
            thread.join(timeout=40)
        elapsed = time.perf_counter() - started
    label = "direct (gunicorn only)" if direct else "through the proxy"
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95)] if ordered else float("nan")
    print(f"{label}: 50 clients + 10 slow clients, {elapsed:.0f} s")
    print(f"  answered: {len(latencies)}  ({len(latencies) / elapsed:.1f} req/s)")
    print(f"  failures: {len(failures)}  {sorted(set(map(str, failures)))[:5]}")
    if ordered:
        print(f"  latency p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"  slow connections opened: {counters['slow_connections']}, "
          f"refused/closed: {counters['slow_dropped']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--direct", action="store_true", help="also run without the proxy")
    args = parser.parse_args()
    run(args.seconds, direct=False)
    if args.direct:
        run(args.seconds, direct=True)


if __name__ == "__main__":
    main()
