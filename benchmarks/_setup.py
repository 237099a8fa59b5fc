"""Shared set-up of the benchmark scripts: Django on a scratch database."""

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_file(relative):
    """`../shared/<relative>` next to the repository (or next to a parent, for worktrees)."""
    for parent in REPO.parents:
        candidate = parent / "shared" / relative
        if candidate.exists():
            return candidate
    return REPO.parent / "shared" / relative


def django_on_scratch_db(database_url=None, name="bench"):
    """Configure Django on a fresh database, migrate it and return its URL.

    With `database_url` (PostgreSQL) a database `<name>` next to it is (re)created; without
    it a SQLite file in a temporary directory is used.
    """
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)
    if database_url and database_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, _, _old = database_url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        url = f"{base}/{name}"
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='slp-bench-')) / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The benchmark is the only client: the API rate limit would only measure itself.
    os.environ.setdefault("API_RATE_LIMIT_EXEMPT", "127.0.0.1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return url


def drop_scratch_db(url):
    if url.startswith(("postgres://", "postgresql://")):
        from django.db import connections

        connections.close_all()
        import psycopg

        base, _, name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
