"""WSGI entry point. Loads the personal-data engine before serving (never in a request):
gunicorn runs this in its master with --preload, so its workers share one copy."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

application = get_wsgi_application()

if os.environ.get("PII_PRELOAD", "true").lower() not in ("0", "false", "no"):
    from casussen.pii import engine

    engine.preload()
    from django.db import connections

    connections.close_all()  # nothing opened in gunicorn's master is shared with workers
