"""The intake form end to end in real Chromium: errors, picking schemes, a changed topic,
check answers, confirmation, e-mail, the melding in the admin; axe-core and the HTML checker
on every form page; no JS at 320 px."""

import re
import uuid

import pytest
from django.core import mail

from tests.browser import axe_violations, html_errors

pytestmark = pytest.mark.browser


def collect(page, name, documents, violations):
    documents[name] = page.content()
    found = axe_violations(page)
    if found:
        violations[name] = found


def walk_form(page, site_url, documents=None, violations=None, check_width=None):
    """Fill in the whole form like a resident; returns the reference number.

    With `violations` every page is checked with axe-core (needs JavaScript in the page).
    """

    def seen(name):
        if check_width:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= check_width, f"{name} scrolls sideways ({width} px)"
        if violations is not None:
            collect(page, name, documents, violations)

    page.goto(f"{site_url}/melden/")
    seen("soort")
    # Continue without an answer: error summary at the top, linked to the field.
    page.get_by_role("button", name="Volgende stap").click()
    summary = page.locator(".slp-error-summary")
    assert summary.is_visible()
    assert "Kies wat u wilt melden." in summary.inner_text()
    assert page.title().startswith("Fout:")
    seen("soort-fout")
    summary.get_by_role("link").first.click()
    if check_width is None:  # following an in-page link moves focus to the field
        assert page.evaluate("document.activeElement.id") == "id_kind_0"
    page.check("input[name=kind][value=klacht]")
    page.get_by_role("button", name="Volgende stap").click()

    page.check("input[name=domain][value=wmo]")
    seen("onderwerp")
    page.get_by_role("button", name="Volgende stap").click()

    # The schemes of the chosen domain, by organisation and title; two are picked.
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Over welke organisatie gaat uw melding?"
    )
    page.get_by_label("Klacht bij de Wmo-aanbieder").check()
    page.get_by_label(re.compile(r"Gemeente\W*Sociaal wijkteam")).check()
    page.fill("#id_organisations", "Thuiszorg De Linde")
    seen("organisaties")
    page.get_by_role("button", name="Volgende stap").click()

    # An over-long text: a clear message, and the text is kept.
    page.fill("#id_description", "a" * 5001)
    page.fill("#id_wish", "Dat de hulp weer komt")
    page.get_by_role("button", name="Volgende stap").click()
    assert "te lang" in page.locator(".slp-error-summary").inner_text()
    assert page.input_value("#id_wish") == "Dat de hulp weer komt"
    seen("verhaal-fout")
    page.fill("#id_description", "De huishoudelijke hulp kwam drie weken niet.")
    page.get_by_role("button", name="Volgende stap").click()

    page.check("input[name=earlier_complaint][value=nee]")
    seen("eerder")
    page.get_by_role("button", name="Volgende stap").click()
    page.check("input[name=on_behalf][value=zelf]")
    seen("namens")
    page.get_by_role("button", name="Volgende stap").click()
    page.check("input[name=contact][value=email]")
    page.fill("#id_name", "Browser Tester")
    page.fill("#id_email", "browser@example.org")
    for question in ("veilig_bellen", "veilig_inspreken", "veilig_mailen"):
        page.check(f"input[name={question}][value=ja]")
    seen("contact")
    page.get_by_role("button", name="Volgende stap").click()
    seen("bijlagen")
    page.get_by_role("button", name="Volgende stap").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Controleer uw melding"
    assert "De huishoudelijke hulp kwam drie weken niet." in page.content()
    assert "Klacht bij de Wmo-aanbieder" in page.locator("main").inner_text()
    seen("controleren")
    # Another topic: the Wmo provider does not fit youth care and is taken off, visibly.
    page.get_by_role("link", name=re.compile("Wijzig.*onderwerp", re.I)).click()
    page.check("input[name=domain][value=jeugd]")
    page.get_by_role("button", name=re.compile("Opslaan")).click()
    notice = page.locator(".slp-notice")
    assert "Klacht bij de Wmo-aanbieder" in notice.inner_text()
    assert page.get_by_label(re.compile("Sociaal wijkteam")).is_checked()
    seen("organisaties-let-op")
    page.get_by_role("button", name=re.compile("Opslaan")).click()
    summary = page.locator("main").inner_text()
    assert "Sociaal wijkteam" in summary and "Klacht bij de Wmo-aanbieder" not in summary
    # Change an answer through its change link; back on the check page afterwards.
    page.get_by_role("link", name=re.compile("Wijzig.*wat u graag wilt", re.I)).click()
    page.fill("#id_wish", "Excuses en hulp")
    page.get_by_role("button", name=re.compile("Opslaan")).click()
    assert "Excuses en hulp" in page.content()
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url(re.compile(r"/melden/bevestiging/"))
    seen("bevestiging")
    text = page.locator("main").inner_text()
    reference = re.search(r"SLP-\d{4}-\d{5}", text).group(0)
    assert "werkdagen" in text
    return reference


def test_resident_reports_and_staff_sees_it(browser_page, site_url):
    from django.contrib.auth.models import Group, User

    from meldformulier.models import STAFF_GROUP, Melding

    mail.outbox = []
    documents, violations = {}, {}
    reference = walk_form(browser_page, site_url, documents, violations)
    assert violations == {}
    assert html_errors(documents) == []

    melding = Melding.objects.get(reference=reference)
    assert melding.wish == "Excuses en hulp"
    assert melding.domain.key == "jeugd"
    assert melding.regeling_keys == ["sociaal-wijkteam"]
    to = sorted(message.to[0] for message in mail.outbox if reference in message.subject)
    assert to == ["browser@example.org", "team@signaleerpunt.nl"]

    # A staff member logs in and finds the melding in the admin.
    username = f"medewerker-{uuid.uuid4().hex[:8]}"
    user = User.objects.create_user(username, password="geheim-wachtwoord-123")
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    page = browser_page
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "geheim-wachtwoord-123")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"{site_url}/admin/meldingen/?q={reference}")
    page.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(r"/admin/meldingen/\d+/$"))
    main_text = page.locator("main").inner_text()
    assert "Browser Tester" in main_text, main_text[:2000]
    assert "De huishoudelijke hulp kwam drie weken niet." in main_text
    assert "Gemeente: Sociaal wijkteam" in main_text
    # The organisation filter finds it by the scheme's title.
    page.goto(f"{site_url}/admin/meldingen/?organisation=Sociaal+wijkteam")
    assert reference in page.locator("main").inner_text()


@pytest.mark.parametrize("browser_context_args", [
    {"java_script_enabled": False, "viewport": {"width": 320, "height": 640}, "bypass_csp": True},
])
def test_form_works_without_javascript_at_320_px(browser_page, site_url):
    from meldformulier.models import Melding

    reference = walk_form(browser_page, site_url, check_width=320)
    assert Melding.objects.filter(reference=reference).exists()


def test_double_click_on_send_creates_one_melding(browser_page, site_url):
    from meldformulier.models import Melding

    page = browser_page
    page.goto(f"{site_url}/melden/")
    answers = [("kind", "compliment"), ("domain", "jeugd")]
    for name, value in answers:
        page.check(f"input[name={name}][value={value}]")
        page.get_by_role("button", name="Volgende stap").click()
    page.get_by_role("button", name="Volgende stap").click()  # no organisation chosen
    page.fill("#id_description", "Fijne hulp gekregen")
    page.get_by_role("button", name="Volgende stap").click()
    for name, value in [("earlier_complaint", "nee"), ("on_behalf", "zelf"),
                        ("contact", "anoniem")]:
        page.check(f"input[name={name}][value={value}]")
        page.get_by_role("button", name="Volgende stap").click()
    page.get_by_role("button", name="Volgende stap").click()
    token = page.locator("input[name=token]").input_value()
    # The same form posted twice, as a double click or a re-sent request does. (Truly
    # simultaneous posts are tested on PostgreSQL and in benchmarks/intake_load.py; the
    # live test server shares one in-memory SQLite connection between its threads.)
    statuses = page.evaluate("""async () => {
        const form = document.getElementById('versturen');
        const data = new URLSearchParams(new FormData(form));
        const first = await fetch(form.action, {method: 'POST', body: data});
        const second = await fetch(form.action, {method: 'POST', body: data});
        return [first.status, second.status];
    }""")
    assert statuses == [200, 200]  # both end on the same confirmation page
    assert Melding.objects.filter(idempotency_token=token).count() == 1


def test_altcha_is_solved_by_our_own_script(browser_page, site_url, settings):
    from meldformulier.models import Melding

    settings.MELDINGEN_ALTCHA_ENABLED = True
    page = browser_page
    page.goto(f"{site_url}/melden/")
    for name, value in [("kind", "signaal"), ("domain", "schulden")]:
        page.check(f"input[name={name}][value={value}]")
        page.get_by_role("button", name="Volgende stap").click()
    page.get_by_role("button", name="Volgende stap").click()  # no organisation chosen
    page.fill("#id_description", "Proof of work in de browser")
    page.get_by_role("button", name="Volgende stap").click()
    for name, value in [("earlier_complaint", "nee"), ("on_behalf", "zelf"),
                        ("contact", "anoniem")]:
        page.check(f"input[name={name}][value={value}]")
        page.get_by_role("button", name="Volgende stap").click()
    page.get_by_role("button", name="Volgende stap").click()
    token = page.locator("input[name=token]").input_value()
    page.wait_for_function(
        "document.querySelector('input[name=altcha]').value.length > 0", timeout=30_000
    )
    assert "Controle klaar" in page.locator("#altcha-status").inner_text()
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url(re.compile(r"/melden/bevestiging/"))
    assert Melding.objects.filter(idempotency_token=token).count() == 1
    assert axe_violations(page) == []
