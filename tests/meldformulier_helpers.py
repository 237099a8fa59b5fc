"""Shared helpers for the meldformulier tests: walk the form like a resident would."""

import re

from meldformulier.models import Melding

SAFE = {"veilig_bellen": "ja", "veilig_inspreken": "ja", "veilig_mailen": "ja"}
ANSWERS = {
    "soort": {"kind": "klacht"},
    "onderwerp": {"domain": "wmo"},
    "organisaties": {"regelingen": ["klacht-wmo-aanbieder"],
                     "organisations": "Thuiszorg De Linde"},
    "verhaal": {"description": "De huishoudelijke hulp kwam drie weken niet.",
                "wish": "Dat er iemand komt."},
    "eerder": {"earlier_complaint": "nee"},
    "namens": {"on_behalf": "zelf"},
    "contact": {"contact": "email", "name": "Jantje Testpersoon",
                "email": "jantje@example.org", "phone": "023 555 12 34",
                "reachable_when": "na 15.00 uur", **SAFE},
    "bijlagen": {"actie": "doorgaan"},
}


def step_path(step):
    return "/melden/" if step == "soort" else f"/melden/{step}/"


def fill_in(client, answers=None, prefix=""):
    """Post every step; returns the check-answers response."""
    answers = {**ANSWERS, **(answers or {})}
    for step, data in answers.items():
        response = client.post(prefix + step_path(step), data)
        assert response.status_code == 302, (step, response.content[:3000])
    response = client.get(prefix + "/melden/controleren/")
    assert response.status_code == 200
    return response


def token_of(response):
    match = re.search(rb'name="token" value="([0-9a-f-]{36})"', response.content)
    assert match, "no idempotency token on the check page"
    return match.group(1).decode()


def submit(client, check_response, prefix="", **extra):
    return client.post(
        prefix + "/melden/controleren/", {"token": token_of(check_response), "website": "", **extra}
    )


def count():
    return Melding.objects.count()
