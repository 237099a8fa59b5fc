"""Issue 18: production shape. portal/serve.py supervises each program on its own: killing
one restarts only that one (the others keep their process), and /status says which part is
down. The generated nginx configuration buffers slow clients and logs no personal data."""

import json
import os
import signal
import sys
import time

import pytest

from portal import serve

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_crashed_program_is_restarted_alone(tmp_path):
    status = tmp_path / "serve.json"
    supervisor = serve.Supervisor({"web": SLEEPER, "worker": SLEEPER, "planner": SLEEPER},
                                  status_file=status)
    for name in supervisor.programs:
        supervisor.start(name)
    try:
        supervisor.step()
        before = {name: process.pid for name, process in supervisor.processes.items()}
        os.kill(before["worker"], signal.SIGKILL)
        supervisor.processes["worker"].wait()
        supervisor.step()
        state = json.loads(status.read_text())["programs"]
        assert state["worker"]["running"] is False and state["web"]["running"] is True

        def restarted():
            supervisor.step()
            return supervisor.processes["worker"].poll() is None
        assert wait_for(restarted)
        after = {name: process.pid for name, process in supervisor.processes.items()}
        assert after["worker"] != before["worker"]
        assert after["web"] == before["web"] and after["planner"] == before["planner"]
        assert json.loads(status.read_text())["programs"]["worker"]["restarts"] == 1
    finally:
        supervisor.stop()
    assert all(process.poll() is not None for process in supervisor.processes.values())


@pytest.mark.django_db
def test_status_says_which_part_is_down(client, tmp_path, monkeypatch):
    path = tmp_path / "serve.json"
    monkeypatch.setenv("SERVE_STATUS_FILE", str(path))
    programs = {name: {"running": True, "restarts": 0, "pid": 1}
                for name in ("web", "proxy", "worker", "planner")}
    path.write_text(json.dumps({"at": time.time(), "programs": programs}))
    response = client.get("/status")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "web": "ok", "proxy": "ok",
                               "worker": "ok", "planner": "ok"}
    programs["worker"]["running"] = False
    path.write_text(json.dumps({"at": time.time(), "programs": programs}))
    response = client.get("/status")
    assert response.status_code == 503 and response.json()["worker"] == "down"
    assert response.json()["web"] == "ok"


def test_gunicorn_runs_behind_nginx_with_limits_set_on_purpose(tmp_path, monkeypatch):
    table, use_proxy = serve.programs("127.0.0.1", "8123", 3)
    web = table["web"]
    for option in ("--timeout", "--limit-request-line", "--limit-request-field_size",
                   "--logger-class"):
        assert option in web
    if not use_proxy:
        pytest.skip("nginx is not installed")
    assert web[web.index("--bind") + 1] == "127.0.0.1:8124"
    config = (serve.BASE_DIR / "var" / "nginx-8123" / "nginx.conf").read_text()
    assert "listen 127.0.0.1:8123;" in config and "server 127.0.0.1:8124;" in config
    assert "proxy_request_buffering on;" in config and "client_body_timeout" in config
    assert "X-Forwarded-For $remote_addr;" in config
    assert "$request_uri" not in config and "$args" not in config


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def proxied_app(tmp_path):
    """nginx with the repository's configuration in front of one sync gunicorn worker,
    as `make serve` runs them (the app is a tiny echo app instead of the portal)."""
    import shutil
    import socket
    import subprocess

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        pytest.skip("nginx is not installed (Debian package nginx)")
    port = _free_port()
    upstream = f"127.0.0.1:{_free_port()}"
    config = serve.nginx_config(f"127.0.0.1:{port}", upstream, tmp_path / "nginx")
    log = open(tmp_path / "access.log", "w")  # noqa: SIM115
    app = subprocess.Popen([sys.executable, "-m", "gunicorn", "tests.echo_wsgi:application",
                            "--bind", upstream, "--workers", "1", "--timeout", "30"],
                           cwd=serve.BASE_DIR, stderr=subprocess.DEVNULL)
    proxy = subprocess.Popen([nginx, "-c", str(config), "-p", str(tmp_path / "nginx"),
                              "-e", "stderr", "-g", "daemon off;"], stdout=log,
                             stderr=subprocess.DEVNULL)

    def up():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            socket.create_connection(upstream.split(":"), timeout=0.2).close()
            return True
        except OSError:
            return False
    try:
        assert wait_for(up), "nginx or gunicorn did not start"
        yield port, tmp_path / "access.log"
    finally:
        for process in (proxy, app):
            process.terminate()
            process.wait(timeout=20)
        log.close()


def _get(port, path="/", headers=None):
    import urllib.request

    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_slow_clients_do_not_hold_the_worker(proxied_app):
    """Six clients send their request one byte a second; the one sync worker is never
    theirs until nginx has the whole request, so a normal visitor is answered at once."""
    import socket

    port, _log = proxied_app
    slow = []
    for _ in range(6):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
        slow.append(sock)
    try:
        for _ in range(2):
            for sock in slow:
                sock.sendall(b"x")
            time.sleep(0.5)
        started = time.monotonic()
        assert _get(port, "/gewoon")["remote_addr"] == "127.0.0.1"
        assert time.monotonic() - started < 3
    finally:
        for sock in slow:
            sock.close()


def test_proxy_replaces_forwarded_for_and_logs_no_personal_data(proxied_app):
    port, log = proxied_app
    seen = _get(port, "/nieuwsbrief/afmelden/Xk2v9QaLmP0sTuvW3yZ12ab/?q=Zwaneveld",
                {"X-Forwarded-For": "6.6.6.6, 127.0.0.9"})
    assert seen["forwarded_for"] == "127.0.0.1"  # only what nginx saw, nothing the client wrote
    assert seen["query"] == "q=Zwaneveld"  # the app still gets the query
    assert wait_for(lambda: "afmelden" in log.read_text(), 5)
    text = log.read_text()
    assert "127.0.0.0" in text and "127.0.0.1 " not in text
    assert "Zwaneveld" not in text and "Xk2v9Q" not in text and ":token/" in text
