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
def production_server(workers=3, database_url=None, extra_env=None):
    scratch = tempfile.mkdtemp(prefix="slp-bench-")
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

    manage("collectstatic", "--noinput", "-v0")
    manage("migrate", "--noinput", "-v0")
    manage("load_demo", "-v0")
    server = subprocess.Popen(
        [python, "-m", "portal.serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("server did not start")
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=30)
