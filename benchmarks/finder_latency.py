"""Latency of the finder API with 100, 1,000 and 10,000 schemes, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/finder_latency.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/slp \
        .venv/bin/python benchmarks/finder_latency.py

Runs on SQLite (a scratch file) and, when DATABASE_URL points to PostgreSQL, also on a
scratch PostgreSQL database next to it. For each size it loads the demo content, adds
generated schemes (with texts, domains and municipalities), and times GET /api/finder/
through Django's test client (middleware, validation, the query log write included) for a
mix of questions with and without a municipality. Prints the time to build the in-memory
index once, and the median and p95 latency per request.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZES = [100, 1_000, 10_000]
QUESTIONS = [
    "klacht", "zorg", "ik ben het niet eens met het besluit over mijn bijstand",
    "de huishoudelijke hulp komt niet opdagen", "klacht over mijn huisarts",
    "ombudsman", "vertrouwenspersoon jeugdzorg", "ik heb schulden en krijg geen hulp",
    "hulp bij het aanvragen van een scootmobiel", "kastje naar de muur", "huisats",
    "schuldhulpverlning", "de gemeente heeft mijn klacht slecht afgehandeld",
    "formulieren invullen", "beleid sociaal domein", "bezwaar", "thuiszorg te laat",
    "klacht over de gemeente", "iemand die meegaat naar het gesprek", "veilig thuis",
]
WORDS = (
    "hulp ondersteuning klacht zorg jeugd wijk buurt gemeente aanbieder begeleiding wonen "
    "advies regeling loket vervoer taxi dagbesteding woning aanpassing inkomen werk schuld "
    "budget geld huis thuis ouder kind gezin school arts verpleging ziekenhuis ggz therapie "
    "vrijwilliger mantelzorg respijt maaltijd boodschappen rolstoel scootmobiel traplift "
    "stichting coöperatie centrum punt team dienst bureau platform netwerk raad commissie "
    "noord zuid oost west centrum kennemerland spaarne duin kust polder"
).split()
SOORTEN = ["klacht", "ombudsman", "bezwaar", "vertrouwenspersoon", "clientondersteuning",
           "geschil", "inspraak", "meldpunt"]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def add_schemes(count, start, rng):
    """Insert `count` generated live schemes under the Dutch directory, quickly."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from verwijsgids.models import Domein, Gemeente, Regeling, VerwijsgidsIndexPage

    parent = VerwijsgidsIndexPage.objects.get(locale__language_code="nl")
    content_type = ContentType.objects.get_for_model(Regeling)
    domains = list(Domein.objects.all())
    gemeenten = list(Gemeente.objects.all())
    last = parent.get_last_child()
    position = int(last.path[-4:], 36) if last else 0
    now = timezone.now()
    with transaction.atomic():
        pages = []
        for number in range(start, start + count):
            position += 1
            slug = f"gegenereerd-{number}"
            pages.append(Page(
                title=f"{sentence(rng, 2).capitalize()} {number}", draft_title=slug, slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, position),
                depth=parent.depth + 1, numchild=0, url_path=f"{parent.url_path}{slug}/",
                content_type=content_type, locale_id=parent.locale_id,
                translation_key=uuid.uuid4(), live=True, has_unpublished_changes=False,
                first_published_at=now, last_published_at=now,
            ))
        Page.objects.bulk_create(pages, batch_size=500)
        created = Page.objects.filter(slug__startswith="gegenereerd-", content_type=content_type,
                                      regeling__isnull=True)
        through_d, through_g = Regeling.domeinen.through, Regeling.gemeenten.through
        domain_rows, gemeente_rows = [], []
        for page in created:
            scheme = Regeling(
                page_ptr_id=page.pk, key=page.slug, soort=rng.choice(SOORTEN),
                lijn=rng.choice([0, 1, 2]), landelijk=rng.random() < 0.2,
                samenvatting=sentence(rng, 15), waarvoor=sentence(rng, 40),
                voor_wie=sentence(rng, 10), zoekwoorden=", ".join(
                    sentence(rng, 2) for _ in range(4)),
            )
            scheme.save_base(raw=True, force_insert=True)
            for domain in rng.sample(domains, rng.randint(1, 3)):
                domain_rows.append(through_d(regeling_id=page.pk, domein_id=domain.pk))
            if not scheme.landelijk:
                for gemeente in rng.sample(gemeenten, rng.randint(1, 4)):
                    gemeente_rows.append(through_g(regeling_id=page.pk, gemeente_id=gemeente.pk))
        through_d.objects.bulk_create(domain_rows, batch_size=1000)
        through_g.objects.bulk_create(gemeente_rows, batch_size=1000)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)


def measure(client, rng, rounds):
    timings = []
    for number in range(rounds):
        params = {"q": QUESTIONS[number % len(QUESTIONS)]}
        if number % 3 == 0:
            params["gemeente"] = rng.choice(["haarlem", "zandvoort", "amsterdam"])
        started = time.perf_counter()
        response = client.get("/api/finder/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def run(database_url, rounds):
    from _setup import django_on_scratch_db, drop_scratch_db

    url = django_on_scratch_db(database_url, name="slp_bench_latency")
    try:
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from search.loader import get_index, invalidate

        call_command("load_demo", verbosity=0)
        engine = "postgresql" if settings.IS_POSTGRES else "sqlite"
        rng = random.Random(42)
        client = Client()
        total = 0
        for size in SIZES:
            add_schemes(size - total, total, rng)
            total = size
            invalidate()
            started = time.perf_counter()
            index = get_index("nl")
            build = (time.perf_counter() - started) * 1000
            client.get("/api/finder/", {"q": "opwarmen"})
            median, p95 = measure(client, rng, rounds)
            print(f"{engine:10} {len(index.schemes):>6} schemes  index build {build:8.0f} ms  "
                  f"median {median:6.2f} ms  p95 {p95:6.2f} ms", flush=True)
    finally:
        drop_scratch_db(url)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.only == "sqlite":
        return run(None, args.rounds)
    if args.only == "postgresql":
        return run(os.environ["DATABASE_URL"], args.rounds)
    backends = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        backends.append("postgresql")
    else:
        print("(DATABASE_URL is not PostgreSQL: SQLite only)")
    for backend in backends:
        env = dict(os.environ)
        if backend == "sqlite":
            env.pop("DATABASE_URL", None)
        subprocess.run([sys.executable, __file__, "--only", backend, "--rounds",
                        str(args.rounds)], check=True, env=env)


if __name__ == "__main__":
    main()
