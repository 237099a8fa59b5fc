"""`make serve`: the production shape on one machine, as one supervised command.

Programs: nginx in front (deploy/nginx.conf; buffers slow clients, truncated access log),
gunicorn behind it on 127.0.0.1 (sync workers, --timeout, request-size limits, access log
without personal data), the django-tasks database worker and the planner. Each program is
supervised on its own: when one exits it alone is restarted (back-off 1 s doubling to 30 s
while it keeps crashing); the others keep running. The state of every program is written
to ``SERVE_STATUS_FILE`` each second; ``/status`` reads it and says which part is down.
Ctrl-C / SIGTERM stops all. Without nginx installed (or ``PROXY=none``) gunicorn listens on
$HOST:$PORT itself.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from portal.privatelog import ACCESS_LOG_FORMAT

BASE_DIR = Path(__file__).resolve().parent.parent
STATUS_FILE = os.environ.get("SERVE_STATUS_FILE", str(BASE_DIR / "var" / "run" / "serve.json"))


class Supervisor:
    def __init__(self, programs, status_file=STATUS_FILE, env=None, max_backoff=30.0):
        self.programs = dict(programs)  # name -> argv
        self.status_file = Path(status_file)
        self.env = env
        self.max_backoff = max_backoff
        self.processes, self.restarts, self.started, self.backoff, self.due = {}, {}, {}, {}, {}
        self.stopping = False

    def start(self, name):
        self.processes[name] = subprocess.Popen(self.programs[name], env=self.env)
        self.started[name] = time.monotonic()
        self.due.pop(name, None)

    def write_status(self):
        state = {
            name: {"running": name in self.processes and self.processes[name].poll() is None,
                   "restarts": self.restarts.get(name, 0),
                   "pid": self.processes[name].pid if name in self.processes else None}
            for name in self.programs
        }
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.status_file.with_suffix(".tmp")
        scratch.write_text(json.dumps({"at": time.time(), "programs": state}))
        scratch.replace(self.status_file)

    def step(self):
        now = time.monotonic()
        for name, process in list(self.processes.items()):
            if process.poll() is None or name in self.due:
                continue
            quick = now - self.started[name] < 10
            delay = min(self.max_backoff, self.backoff.get(name, 0.5) * 2) if quick else 1.0
            self.backoff[name] = delay
            self.due[name] = now + delay
            print(f"serve: {name} stopte (code {process.returncode}); opnieuw over {delay:.0f} s",
                  file=sys.stderr, flush=True)
        for name, when in list(self.due.items()):
            if now >= when and not self.stopping:
                self.restarts[name] = self.restarts.get(name, 0) + 1
                self.start(name)
        self.write_status()

    def run(self, until=None):
        for name in self.programs:
            self.start(name)
        while not self.stopping and (until is None or not until()):
            self.step()
            time.sleep(0.2)
        self.stop()

    def stop(self, *_):
        self.stopping = True
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 30
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()


def nginx_config(listen, upstream, run_dir):
    text = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    for name, value in {"LISTEN": listen, "UPSTREAM": upstream, "RUN": str(run_dir),
                        "MIME_TYPES": "/etc/nginx/mime.types"}.items():
        text = text.replace(f"@{name}@", value)
    path = Path(run_dir) / "nginx.conf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def programs(host, port, workers, proxy=True):
    python = sys.executable
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    use_proxy = proxy and nginx is not None
    bind = f"127.0.0.1:{int(port) + 1}" if use_proxy else f"{host}:{port}"
    web = [
        # --preload: the master loads the app and the personal-data engine (portal/wsgi.py)
        # once; the workers share it.
        python, "-m", "gunicorn", "portal.wsgi:application", "--preload", "--bind", bind,
        "--workers", str(workers),
        # On purpose: a request may take 30 s; headers and request lines are bounded.
        "--timeout", os.environ.get("GUNICORN_TIMEOUT", "30"), "--graceful-timeout", "30",
        "--limit-request-line", "4094", "--limit-request-fields", "60",
        "--limit-request-field_size", "8190", "--keep-alive", "5",
        "--access-logfile", "-", "--logger-class", "portal.privatelog.GunicornLogger",
        "--access-logformat", ACCESS_LOG_FORMAT,
        "--forwarded-allow-ips", "127.0.0.1" if use_proxy
        else os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    result = {"web": web}
    if use_proxy:
        run_dir = BASE_DIR / "var" / f"nginx-{port}"
        config = nginx_config(f"{host}:{port}", bind, run_dir)
        result["proxy"] = [nginx, "-c", str(config), "-p", str(run_dir), "-e", "stderr",
                           "-g", "daemon off;"]
    result["worker"] = [python, "manage.py", "db_worker", "--interval", "1"]
    result["planner"] = [python, "manage.py", "planner"]
    return result, use_proxy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "3"))
    args = parser.parse_args()
    proxy = os.environ.get("PROXY", "nginx") != "none"
    table, use_proxy = programs(args.host, args.port, args.workers, proxy)
    env = dict(os.environ)
    if use_proxy:
        # The app believes X-Forwarded-For only from our own nginx (portal/ratelimit.py).
        env["TRUSTED_PROXIES"] = ",".join(
            filter(None, [env.get("TRUSTED_PROXIES", ""), "127.0.0.1"]))
        env["BEHIND_PROXY"] = env.get("BEHIND_PROXY", "true")
    env["SERVE_STATUS_FILE"] = STATUS_FILE
    supervisor = Supervisor(table, env=env)
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    supervisor.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
