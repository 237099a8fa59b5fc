from django.http import HttpResponse
from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def healthz(request):
    """Liveness check for load balancers; also the ceiling in benchmarks/pages.py."""
    return HttpResponse("ok", content_type="text/plain")


def status(request):
    """Which part is down: database, cache and, under `make serve`, each supervised program
    (web, proxy, worker, planner; from portal/serve.py's status file). 503 if any is down."""
    import json
    import os
    import time

    from django.core.cache import cache
    from django.db import connection
    from django.http import JsonResponse

    parts = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        parts["database"] = "ok"
    except Exception:  # noqa: BLE001 - reporting it is the point
        parts["database"] = "down"
    try:
        cache.set("status:probe", "1", 10)
        parts["cache"] = "ok" if cache.get("status:probe") == "1" else "down"
    except Exception:  # noqa: BLE001
        parts["cache"] = "down"
    path = os.environ.get("SERVE_STATUS_FILE")
    if path:
        try:
            with open(path) as handle:
                state = json.load(handle)
            fresh = time.time() - state["at"] < 10
            for name, info in state["programs"].items():
                parts[name] = "ok" if fresh and info["running"] else "down"
        except (OSError, ValueError, KeyError):
            parts["supervisor"] = "down"
    healthy = all(value == "ok" for value in parts.values())
    response = JsonResponse(parts, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
