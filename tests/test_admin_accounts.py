"""Issue 18: admin accounts. Failed logins lock the account and the client (django-axes,
counted per salted client hash), password-reset mails are limited per client and per
address, and sessions expire."""

import pytest
from django.contrib.auth.models import User
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return User.objects.create_user("medewerker-login", email="mw@example.org",
                                    password="juist-wachtwoord-123", is_staff=True,
                                    is_superuser=True)


def login(client, username, password, address="203.0.113.80"):
    return client.post("/admin/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_fifty_wrong_passwords_then_the_right_one_does_not_log_in(client, staff, settings):
    for _ in range(50):
        response = login(client, "medewerker-login", "fout")
    assert response.status_code == 429
    assert "Even geduld" in response.content.decode()
    right = login(client, "medewerker-login", "juist-wachtwoord-123")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # The account is locked from another client too (per account)...
    other = login(client, "medewerker-login", "juist-wachtwoord-123", "198.51.100.9")
    assert other.status_code == 429


def test_one_client_guessing_many_accounts_is_locked(client, staff):
    for number in range(6):
        login(client, f"gok{number}", "fout", "203.0.113.81")
    response = login(client, "medewerker-login", "juist-wachtwoord-123", "203.0.113.81")
    assert response.status_code == 429
    # ...while the account itself still works from its own client.
    ok = login(client, "medewerker-login", "juist-wachtwoord-123", "198.51.100.10")
    assert ok.status_code == 302


def test_password_reset_mails_are_limited(client, staff, settings):
    settings.ADMIN_PASSWORD_RESET_LIMIT = 3
    settings.MAIL_PER_ADDRESS_LIMIT = 2
    mail.outbox = []
    statuses = [client.post("/admin/password_reset/", {"email": "mw@example.org"},
                            REMOTE_ADDR=f"203.0.113.{90 + n}").status_code for n in range(5)]
    assert set(statuses) == {302}  # the same answer every time
    assert len(mail.outbox) == 2  # at most two mails a day to one address
    limited = [client.post("/admin/password_reset/", {"email": f"x{n}@example.org"},
                           REMOTE_ADDR="203.0.113.99").status_code for n in range(4)]
    assert limited == [302, 302, 302, 429]


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
