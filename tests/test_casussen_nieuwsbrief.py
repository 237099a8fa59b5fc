"""Newsletter: double opt-in, one-click unsubscribe, sending in batches that resume safely."""

import re
from collections import Counter

import pytest
from django.core import mail
from django.test import override_settings

from casussen import sending
from casussen.models import Abonnee, NieuwsbriefEditie, Ontvanger

pytestmark = pytest.mark.django_db


def _token(prefix):
    import secrets

    return prefix + secrets.token_urlsafe(16)


def _subscribers(count, state=Abonnee.ACTIVE):
    return [
        Abonnee.objects.create(email=f"lezer{i}-{state}@example.org", state=state,
                               confirm_token=_token("c"), unsubscribe_token=_token("u"))
        for i in range(count)
    ]


def _edition():
    return NieuwsbriefEditie.objects.live().get(slug="nieuwsbrief-najaar-2025")


def test_double_opt_in(client):
    response = client.post("/nieuwsbrief/aanmelden/", {"email": "Lezer@Example.org"})
    assert response.status_code == 200
    assert b'role="status"' in response.content
    abonnee = Abonnee.objects.get(email="lezer@example.org")
    assert abonnee.state == Abonnee.PENDING
    assert len(mail.outbox) == 1
    link = re.search(r"http\S+/nieuwsbrief/bevestigen/\S+/", mail.outbox[0].body).group()
    path = link.split("://", 1)[1].split("/", 1)[1]
    # Opening the link (or a mail scanner opening it) does not confirm yet.
    assert client.get("/" + path).status_code == 200
    abonnee.refresh_from_db()
    assert abonnee.state == Abonnee.PENDING
    client.post("/" + path)
    abonnee.refresh_from_db()
    assert abonnee.state == Abonnee.ACTIVE and abonnee.confirmed_at


def test_only_address_state_tokens_and_times_are_stored():
    fields = {f.name for f in Abonnee._meta.get_fields() if f.concrete}
    assert fields == {"id", "email", "state", "confirm_token", "unsubscribe_token",
                      "created_at", "confirmed_at", "unsubscribed_at"}


def test_subscribing_again_does_not_reveal_or_duplicate(client):
    (active,) = _subscribers(1)
    response = client.post("/nieuwsbrief/aanmelden/", {"email": active.email})
    assert response.status_code == 200
    assert Abonnee.objects.filter(email=active.email).count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize("value", ["", "geen-adres", "a@" + "b" * 300 + ".nl"])
def test_bad_address_gives_an_error_summary(client, value):
    before = Abonnee.objects.count()  # browser tests may have left committed subscribers
    response = client.post("/nieuwsbrief/aanmelden/", {"email": value})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body and 'aria-describedby="email-fout"' in body
    assert Abonnee.objects.count() == before


def test_one_click_unsubscribe_without_csrf_token():
    from django.test import Client

    (abonnee,) = _subscribers(1)
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/nieuwsbrief/afmelden/{abonnee.unsubscribe_token}/",
                           data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    abonnee.refresh_from_db()
    assert abonnee.state == Abonnee.UNSUBSCRIBED and abonnee.unsubscribed_at


def test_unknown_token_is_404(client):
    assert client.get("/nieuwsbrief/afmelden/bestaat-niet/").status_code == 404
    assert client.post("/nieuwsbrief/bevestigen/bestaat-niet/").status_code == 404


def test_sending_reaches_each_active_subscriber_once_with_unsubscribe_headers():
    _subscribers(5)
    _subscribers(1, Abonnee.PENDING)
    _subscribers(1, Abonnee.UNSUBSCRIBED)
    edition = _edition()
    with override_settings(CASUSSEN_NEWSLETTER_BATCH_SIZE=2):
        assert sending.start_sending(edition) == 5
        assert sending.start_sending(edition) == 0  # a second click sends nothing new
    assert len(mail.outbox) == 5
    assert len({m.to[0] for m in mail.outbox}) == 5
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<https?://\S+/nieuwsbrief/afmelden/\S+/>",
                        message.extra_headers["List-Unsubscribe"])
    assert "Achttien jaar en ineens geen hulp meer" in message.body
    assert set(Ontvanger.objects.filter(edition=edition).values_list("state", flat=True)) == {
        Ontvanger.SENT
    }


class SimulatedCrash(BaseException):
    """The worker process dies (not an error the code could catch and record)."""


def test_crash_halfway_then_resume_sends_nobody_a_second_copy(monkeypatch):
    _subscribers(6)
    edition = _edition()
    # Rows are made, but the worker dies before it sends the fourth message.
    monkeypatch.setattr(sending, "_enqueue_pending", lambda edition: 0)
    sending.start_sending(edition)
    ids = list(
        Ontvanger.objects.filter(edition=edition).order_by("pk").values_list("pk", flat=True)
    )
    real_claim = sending.claim
    calls = {"n": 0}

    def crashing_claim(row_id):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SimulatedCrash
        return real_claim(row_id)

    monkeypatch.setattr(sending, "claim", crashing_claim)
    with pytest.raises(SimulatedCrash):
        sending.send_rows(ids)
    assert len(mail.outbox) == 3
    monkeypatch.undo()

    sending.resume_sending(edition)
    assert len(mail.outbox) == 6
    assert Counter(m.to[0] for m in mail.outbox).most_common(1)[0][1] == 1
    assert Ontvanger.objects.filter(edition=edition, state=Ontvanger.SENT).count() == 6
    sending.resume_sending(edition)
    assert len(mail.outbox) == 6


def test_crash_during_a_send_never_resends_that_recipient(monkeypatch):
    _subscribers(4)
    edition = _edition()
    monkeypatch.setattr(sending, "_enqueue_pending", lambda edition: 0)
    sending.start_sending(edition)
    ids = list(
        Ontvanger.objects.filter(edition=edition).order_by("pk").values_list("pk", flat=True)
    )
    from django.core.mail import EmailMultiAlternatives

    real_send = EmailMultiAlternatives.send
    calls = {"n": 0}

    def crashing_send(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SimulatedCrash  # did the provider take it? We cannot know.
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", crashing_send)
    with pytest.raises(SimulatedCrash):
        sending.send_rows(ids)
    monkeypatch.undo()
    sending.resume_sending(edition)
    states = Counter(Ontvanger.objects.filter(edition=edition).values_list("state", flat=True))
    assert states == {Ontvanger.SENT: 3, Ontvanger.CLAIMED: 1}
    assert len(mail.outbox) == 3
    assert len({m.to[0] for m in mail.outbox}) == 3


def test_provider_failure_is_recorded_and_retried_on_resume(monkeypatch):
    from anymail.exceptions import AnymailAPIError
    from django.core.mail import EmailMultiAlternatives

    _subscribers(3)
    edition = _edition()
    real_send = EmailMultiAlternatives.send

    def failing_send(self, *args, **kwargs):
        if self.to[0].startswith("lezer1-"):
            raise AnymailAPIError("provider down")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", failing_send)
    sending.start_sending(edition)
    failed = Ontvanger.objects.get(edition=edition, state=Ontvanger.FAILED)
    assert "provider down" in failed.error
    assert len(mail.outbox) == 2
    monkeypatch.undo()
    sending.resume_sending(edition)
    assert len(mail.outbox) == 3
    assert len({m.to[0] for m in mail.outbox}) == 3
    failed.refresh_from_db()
    assert failed.state == Ontvanger.SENT and failed.attempts == 2


def test_unsubscribed_before_the_batch_runs_gets_nothing(monkeypatch):
    subscribers = _subscribers(2)
    edition = _edition()
    monkeypatch.setattr(sending, "_enqueue_pending", lambda edition: 0)
    sending.start_sending(edition)
    Abonnee.objects.filter(pk=subscribers[0].pk).update(state=Abonnee.UNSUBSCRIBED)
    monkeypatch.undo()
    sending.resume_sending(edition)
    assert [m.to[0] for m in mail.outbox] == [subscribers[1].email]


# --- rate limit on subscribing -------------------------------------------------------------


@pytest.fixture
def subscribe_limit(settings):
    settings.NIEUWSBRIEF_RATE_LIMIT = 2
    settings.NIEUWSBRIEF_RATE_LIMIT_WINDOW = 3600
    return settings


def test_too_many_subscriptions_from_one_client_get_a_dutch_429_and_store_nothing(
        client, subscribe_limit):
    for number in range(2):
        response = client.post("/nieuwsbrief/aanmelden/",
                               {"email": f"limiet{number}@example.org"},
                               REMOTE_ADDR="203.0.113.20")
        assert response.status_code == 200
    before = Abonnee.objects.count()
    blocked = client.post("/nieuwsbrief/aanmelden/", {"email": "limiet9@example.org"},
                          REMOTE_ADDR="203.0.113.20")
    assert blocked.status_code == 429
    body = blocked.content.decode()
    assert 'role="alert"' in body
    retry_after = int(blocked["Retry-After"])
    assert 1 <= retry_after <= 3600
    minutes = -(-retry_after // 60)
    unit = "minuut" if minutes == 1 else "minuten"
    assert f"U heeft het te vaak geprobeerd. Probeer het over {minutes} {unit} opnieuw." in body
    assert "no-store" in blocked["Cache-Control"]
    assert Abonnee.objects.count() == before
    assert not Abonnee.objects.filter(email="limiet9@example.org").exists()
    assert len(mail.outbox) == 2
    # Another client is not affected, and reading the form is not limited.
    other = client.post("/nieuwsbrief/aanmelden/", {"email": "ander@example.org"},
                        REMOTE_ADDR="203.0.113.21")
    assert other.status_code == 200
    assert Abonnee.objects.filter(email="ander@example.org").exists()
    assert client.get("/nieuwsbrief/aanmelden/", REMOTE_ADDR="203.0.113.20").status_code == 200


def test_english_subscription_limit_message(client, subscribe_limit):
    subscribe_limit.NIEUWSBRIEF_RATE_LIMIT = 1
    client.post("/en/nieuwsbrief/aanmelden/", {"email": "en1@example.org"},
                REMOTE_ADDR="203.0.113.22")
    blocked = client.post("/en/nieuwsbrief/aanmelden/", {"email": "en2@example.org"},
                          REMOTE_ADDR="203.0.113.22")
    assert blocked.status_code == 429
    assert re.search(r"You have tried too often\. Please try again in \d+ minutes?\.",
                     blocked.content.decode())


def test_subscription_limit_keeps_only_a_hash_of_the_address(subscribe_limit, rf):
    from django.core.cache import cache

    from casussen.views import _subscription_allowed

    cache.clear()
    request = rf.post("/nieuwsbrief/aanmelden/", REMOTE_ADDR="198.51.100.33")
    assert _subscription_allowed(request)[0] is True
    keys = [key for key in cache._cache if "nieuwsbrief" in key]  # locmem cache in tests
    assert keys and all("198.51.100.33" not in key for key in keys)


def test_subscription_limit_zero_switches_it_off(client, subscribe_limit):
    subscribe_limit.NIEUWSBRIEF_RATE_LIMIT = 0
    for number in range(4):
        response = client.post("/nieuwsbrief/aanmelden/", {"email": f"uit{number}@example.org"},
                               REMOTE_ADDR="203.0.113.23")
        assert response.status_code == 200


def test_stalled_sending_is_resumed_by_the_planner_job_without_second_copies(monkeypatch):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    subscribers = _subscribers(4)
    edition = _edition()
    monkeypatch.setattr(sending, "_enqueue_pending", lambda edition: 0)  # the worker never ran
    sending.start_sending(edition)
    monkeypatch.undo()
    now = timezone.now()
    rows = {row.abonnee_id: row for row in Ontvanger.objects.filter(edition=edition)}
    dead, done = subscribers[0].pk, subscribers[1].pk
    Ontvanger.objects.filter(pk=rows[dead].pk).update(
        state=Ontvanger.CLAIMED, claimed_at=now - timedelta(hours=1), attempts=1)
    Ontvanger.objects.filter(pk=rows[done].pk).update(
        state=Ontvanger.SENT, claimed_at=now, sent_at=now, attempts=1)

    # Recent progress: the edition is not stalled, but the long-claimed row is interrupted.
    assert sending.resume_stalled() == 0
    assert mail.outbox == []
    assert Ontvanger.objects.get(pk=rows[dead].pk).state == Ontvanger.INTERRUPTED

    later = now + sending.STALLED_AFTER + timedelta(minutes=1)
    assert sending.resume_stalled(now=later) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers[2:])
    states = Counter(Ontvanger.objects.filter(edition=edition).values_list("state", flat=True))
    assert states == {Ontvanger.SENT: 3, Ontvanger.INTERRUPTED: 1}
    assert sending.resume_stalled(now=later) == 0
    call_command("hervat_nieuwsbrieven", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2
