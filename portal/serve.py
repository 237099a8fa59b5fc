"""`make serve`: gunicorn for the site, a django-tasks database worker and the planner of
periodic jobs (portal/planner.py), as one command. Gunicorn loads the app (and the
personal-data engine, see portal/wsgi.py) once in its master; the workers share it.

Stops all three when one stops or on Ctrl-C / SIGTERM.
"""

import argparse
import os
import signal
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "3"))
    args = parser.parse_args()
    python = sys.executable
    web = subprocess.Popen([
        python, "-m", "gunicorn", "portal.wsgi:application", "--preload",
        "--bind", f"{args.host}:{args.port}", "--workers", str(args.workers),
        "--access-logfile", "-",
        "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ])
    worker = subprocess.Popen([python, "manage.py", "db_worker", "--interval", "1"])
    planner = subprocess.Popen([python, "manage.py", "planner"])
    processes = [web, worker, planner]

    def stop(*_):
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        os.wait()  # returns when the first child exits
    except ChildProcessError:
        pass
    stop()
    for process in processes:
        process.wait(timeout=30)
    return web.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
