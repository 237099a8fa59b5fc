"""Demo meldingen and a staff account, for trying the admin under `make run` only.

Only with the development setting ``DEMO_ADMIN`` (never in production or the tests): the
people and stories are made up. Idempotent: fixed idempotency tokens, get-or-create.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from verwijsgids.models import Domein

from .models import STAFF_GROUP, Melding, Notitie, ReferenceCounter

ORDER = 60

DEMO = [
    {
        "idempotency_token": uuid.UUID("00000000-0000-4000-8000-000000000001"),
        "kind": "klacht", "domain": "wmo", "organisations": "Thuiszorg (voorbeeld)",
        "description": "De huishoudelijke hulp van mijn moeder is al drie weken niet gekomen. "
                       "Niemand belt terug.",
        "wish": "Dat de hulp weer komt en dat iemand uitlegt wat er misging.",
        "contact": "telefoon", "name": "A. Voorbeeld", "phone": "023 000 00 00",
        "on_behalf": "ander", "consent": True, "toestemming": "ja", "status": "doorverwezen",
        "doorverwezen_naar": "klacht-wmo-aanbieder", "follow_up_days": 0,
    },
    {
        "idempotency_token": uuid.UUID("00000000-0000-4000-8000-000000000002"),
        "kind": "signaal", "domain": "werk-inkomen", "organisations": "Gemeente",
        "description": "Brieven over de terugvordering zijn voor veel mensen onbegrijpelijk.",
        "contact": "anoniem", "on_behalf": "professional", "status": "nieuw",
    },
    {
        "idempotency_token": uuid.UUID("00000000-0000-4000-8000-000000000003"),
        "kind": "compliment", "domain": "jeugd", "organisations": "Wijkteam (voorbeeld)",
        "description": "De jeugdconsulent dacht echt mee en regelde alles binnen een week.",
        "contact": "email", "name": "B. Voorbeeld", "email": "b.voorbeeld@example.org",
        "on_behalf": "zelf", "status": "gesloten", "uitkomst": "informatie",
    },
]


def load(command):
    if not getattr(settings, "DEMO_ADMIN", False):
        return
    user_model = get_user_model()
    staff, created = user_model.objects.get_or_create(username="medewerker")
    if created:
        staff.set_password("changeme")
        staff.save()
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    domains = {d.key: d for d in Domein.objects.all()}
    now = timezone.now()
    for item in DEMO:
        item = dict(item)
        if Melding.objects.filter(idempotency_token=item["idempotency_token"]).exists():
            continue
        follow_up_days = item.pop("follow_up_days", None)
        melding = Melding.objects.create(
            reference=ReferenceCounter.next_reference(),
            domain=domains.get(item.pop("domain")),
            earlier_complaint="nee",
            assignee=staff if item["status"] != "nieuw" else None,
            closed_at=now if item["status"] == "gesloten" else None,
            follow_up_on=(timezone.localdate() + timedelta(days=follow_up_days))
            if follow_up_days is not None else None,
            **item,
        )
        if melding.status != "nieuw":
            Notitie.objects.create(melding=melding, author=staff,
                                   text="Gebeld met de melder; afspraken gemaakt (voorbeeld).")
    command.stdout.write("demo: meldingen en account medewerker/changeme (alleen ontwikkeling)")
