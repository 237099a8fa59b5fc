"""Start the production server (`python -m portal.serve`, what `make serve` runs) on a scratch
database with the demo content, for benchmarks. Used as a context manager."""

import base64
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def production_server(workers=3, database_url=None, extra_env=None, start_seconds=900,
                      on_start=None, scratch=None):
    """With `scratch`, the directory of an earlier run: its database and static files are
    used as they are (no collectstatic, migrate or demo content)."""
    reuse = scratch is not None
    scratch = scratch or tempfile.mkdtemp(prefix="slp-bench-")
    port = free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        HTTPS="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url or f"sqlite:///{scratch}/bench.sqlite3",
        CACHE_DIR=f"{scratch}/cache",
        API_RATE_LIMIT_EXEMPT="127.0.0.1",  # the benchmark is the only client
        BASE_URL=f"http://127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        # Production refuses to start without keys for the meldingen (scratch key per run).
        MELDINGEN_ENCRYPTION_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    )
    env.update(extra_env or {})
    python = sys.executable

    def manage(*args):
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    if not reuse:
        manage("collectstatic", "--noinput", "-v0")
        manage("migrate", "--noinput", "-v0")
        manage("load_demo", "-v0")
    started = time.monotonic()
    log = open(f"{scratch}/server.log", "wb")  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(
        [python, "-m", "portal.serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(int(start_seconds * 5)):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"server did not start (see {scratch}/server.log)")
        if on_start:
            on_start(server.pid, time.monotonic() - started)
        env["BENCH_SCRATCH"] = scratch
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
