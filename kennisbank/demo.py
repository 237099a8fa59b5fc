"""Demo content of the kennisbank: themes (the one theme taxonomy), the kennisbank pages,
three learning sessions, research, two advices and — only in development — fictional demo
meldingen with two quarterly reports built from them. Idempotent."""

import os
import random
import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from .figures import last_quarters, quarter_bounds, quarter_of
from .models import (
    Advies,
    KennisbankIndexPage,
    Kwartaalrapportage,
    Leerbijeenkomst,
    Onderzoek,
    Thema,
    WatWeLerenPage,
)

ORDER = 10

THEMAS = [
    ("paarse-krokodil", "Paarse krokodil", "Purple crocodile",
     "Regels en procedures staan een logische oplossing in de weg."),
    ("bereikbaarheid", "Bereikbaarheid", "Reachability", "Niemand neemt op of belt terug."),
    ("bejegening", "Bejegening", "Treatment", "Hoe u wordt behandeld en aangesproken."),
    ("communicatie", "Communicatie en brieven", "Communication and letters",
     "Onduidelijke brieven, besluiten of uitleg."),
    ("wachttijden", "Wachttijden", "Waiting times", "Lang wachten op hulp of een besluit."),
    ("samenwerking", "Samenwerking tussen organisaties", "Cooperation between organisations",
     "Het probleem valt tussen twee of meer organisaties in."),
    ("toegang", "Toegang tot hulp", "Access to help", "Moeilijk om hulp te krijgen."),
    ("geld", "Geld en vergoedingen", "Money and allowances",
     "Eigen bijdrage, terugvordering of vergoedingen."),
]


def p(*paragraphs):
    return RichText("".join(f"<p>{text}</p>" for text in paragraphs))


def _html(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


# --- Documents -------------------------------------------------------------------------------


def minimal_pdf(title, lines):
    """A small valid one-page PDF with plain text (for demo documents)."""

    def esc(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 16 Tf", "72 770 Td", "20 TL", f"({esc(title)}) Tj", "/F1 11 Tf"]
    ops += [f"T* ({esc(line)}) Tj" for line in lines]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return bytes(out)


def _document(title, filename, lines):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(minimal_pdf(title, lines)), save=False)
        document.save()
    return document


def _doc_block(document, summary_html):
    return ("document", {"document": document, "title": "", "summary": RichText(summary_html)})


# --- Pages -----------------------------------------------------------------------------------


def _publish(page):
    page.save_revision().publish()


def _set(page, data):
    for field, value in data.items():
        setattr(page, field, value)


def _child(parent, model, slug, data, en=None, en_locale=None, themes=None):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **data)
        parent.add_child(instance=page)
        if themes:
            page.themes.set(Thema.objects.filter(key__in=themes))
        _publish(page)
    if en is not None and en_locale is not None and page.get_translation_or_none(en_locale) is None:
        translated = page.copy_for_translation(en_locale)
        _set(translated, en)
        _publish(translated)
    return page


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load_pages(command):
    from home.models import HomePage

    home = HomePage.objects.filter(locale__language_code="nl").first()
    en = Locale.objects.filter(language_code="en").first()
    if home is None:
        return None
    index = _child(home, KennisbankIndexPage, "kennisbank", {
        "title": "Kennisbank: wat wij leren",
        "show_in_menus": True,
        "seo_title": "Kennisbank",
        "search_description": "Leerbijeenkomsten, kwartaalrapportages, onderzoeken en "
                              "adviezen van het SignaLeerpunt.",
        "intro": "Het SignaLeerpunt leert van elke melding. Hier leest u wat wij zien, wat wij "
                 "de gemeente adviseren en wat daarmee gebeurt. U vindt hier ook onze "
                 "leerbijeenkomsten.",
    }, en={
        "title": "Knowledge base: what we learn",
        "seo_title": "Knowledge base",
        "search_description": "Learning sessions, quarterly reports, research and advice.",
        "intro": "The SignaLeerpunt learns from every report. Here you can read what we see, "
                 "what we advise the municipality and what came of it. Most documents are "
                 "in Dutch.",
    }, en_locale=en)

    _child(index, WatWeLerenPage, "wat-we-leren", {
        "title": "Wat we leren",
        "intro": "Welke problemen komen het vaakst voor? Worden het er meer of minder? En wat "
                 "doet de gemeente met onze adviezen? Dat ziet u op deze pagina.",
    }, en={
        "title": "What we learn",
        "intro": "Which problems come up most? Are there more or fewer? And what does the "
                 "municipality do with our advice?",
    }, en_locale=en)

    today = timezone.localdate()
    material = _document(
        "Verslag leerbijeenkomst paarse krokodil in de Wmo",
        "verslag-paarse-krokodil-wmo.pdf",
        ["Fictief voorbeeld van een verslag.", "Drie casussen besproken.",
         "Afspraak: een vast aanspreekpunt bij het sociaal wijkteam."],
    )
    _child(index, Leerbijeenkomst, "paarse-krokodil-in-de-wmo", {
        "title": "De paarse krokodil in de Wmo",
        "intro": "Wij bespreken drie echte (anonieme) meldingen waarin regels een logische "
                 "oplossing in de weg stonden. Samen zoeken we wat beter kan.",
        "start": _at(today - timedelta(days=20), 14),
        "end": _at(today - timedelta(days=20), 16),
        "location": "Stadhuis Haarlem, vergaderzaal 1",
        "capacity": 25,
        "material_summary": _html(
            "Wij bespraken drie meldingen over de Wmo. In alle drie moest de inwoner dezelfde "
            "gegevens steeds opnieuw aanleveren.",
            "<b>Wat we afspraken:</b> het sociaal wijkteam geeft elke inwoner één vast "
            "aanspreekpunt. Na drie maanden kijken we of dat werkt.",
        ),
        "material_documents": [_doc_block(material, _html(
            "Het verslag beschrijft de drie besproken meldingen, zonder namen. Het laat zien "
            "waar de regels knelden en welke afspraak de deelnemers maakten: één vast "
            "aanspreekpunt per inwoner.",
        ))],
    }, en={
        "title": "The purple crocodile in social support (Wmo)",
        "intro": "We discussed three anonymous reports where rules stood in the way of a "
                 "sensible solution.",
    }, en_locale=en, themes=["paarse-krokodil", "samenwerking"])
    _child(index, Leerbijeenkomst, "als-niemand-terugbelt", {
        "title": "Als niemand terugbelt: bereikbaarheid in het sociaal domein",
        "intro": "Veel meldingen gaan over slechte bereikbaarheid. Wat kunnen organisaties "
                 "doen zodat inwoners wél iemand te spreken krijgen?",
        "start": _at(today + timedelta(days=21), 15),
        "end": _at(today + timedelta(days=21), 16, 30),
        "online_url": "https://meet.example.org/signaleerpunt-bereikbaarheid",
        "capacity": 40,
        "body": [("paragraph", p(
            "<b>Programma:</b> korte presentatie van de cijfers, twee voorbeelden uit de "
            "meldingen, en daarna in kleine groepen: wat kunt u morgen al anders doen?",
        ))],
    }, en={
        "title": "When nobody calls back: reachability in the social domain",
        "intro": "Many reports are about poor reachability. What can organisations do?",
    }, en_locale=en, themes=["bereikbaarheid"])
    _child(index, Leerbijeenkomst, "samenwerken-over-grenzen", {
        "title": "Intervisie: problemen tussen twee organisaties in",
        "intro": "Een kleine groep bespreekt meldingen die tussen twee organisaties in vallen. "
                 "Er zijn maar 3 plaatsen; is het vol, dan komt u op de wachtlijst.",
        "start": _at(today + timedelta(days=56), 10),
        "end": _at(today + timedelta(days=56), 12),
        "location": "Kantoor SignaLeerpunt, spreekkamer",
        "capacity": 3,
    }, en={
        "title": "Peer review: problems between two organisations",
        "intro": "A small group discusses reports that fall between two organisations.",
    }, en_locale=en, themes=["samenwerking", "paarse-krokodil"])

    research_doc = _document(
        "Onderzoek wachttijden Wmo", "onderzoek-wachttijden-wmo.pdf",
        ["Fictief voorbeeld van een onderzoeksrapport.",
         "Gemiddelde wachttijd op een besluit: 11 weken.",
         "Aanbeveling: laat inwoners weten hoe lang het duurt."],
    )
    _child(index, Onderzoek, "wachten-op-wmo-besluit", {
        "title": "Onderzoek: lang wachten op een besluit over Wmo-hulp",
        "date": today - timedelta(days=45),
        "intro": "Wij kregen veel meldingen over lang wachten op een besluit over Wmo-hulp. "
                 "Daarom zochten wij uit waar het vastloopt.",
        "body": [("heading", "Wat wij vonden"), ("paragraph", p(
            "Inwoners wachten vaak langer dan de wettelijke termijn van 8 weken. Zij horen "
            "niet waarom het zo lang duurt. Daardoor bellen zij vaak, en dat kost iedereen tijd.",
        ))],
        "documents": [_doc_block(research_doc, _html(
            "Het rapport laat zien hoe lang inwoners wachten op een besluit over Wmo-hulp en "
            "waar het vastloopt. De belangrijkste aanbeveling: vertel inwoners steeds hoe "
            "lang het nog duurt en wie hun vragen beantwoordt.",
        ))],
    }, en={
        "title": "Research: long waits for a decision on social support",
        "intro": "We received many reports about long waits for a Wmo decision, so we looked "
                 "into where things get stuck.",
    }, en_locale=en, themes=["wachttijden", "communicatie"])

    _child(index, Advies, "begrijpelijke-brieven-terugvordering", {
        "title": "Advies: schrijf brieven over terugvordering in begrijpelijke taal",
        "date": today - timedelta(days=120),
        "kind": Advies.Kind.UNASKED,
        "intro": "Inwoners begrijpen brieven over terugvordering van bijstand vaak niet. Wij "
                 "adviseren de gemeente deze brieven op B1-niveau te schrijven en een "
                 "telefoonnummer te noemen.",
        "follow_up": Advies.FollowUp.PARTLY,
        "response_date": today - timedelta(days=60),
        "response": _html(
            "De gemeente heeft de drie meest gebruikte brieven herschreven op B1-niveau. Een "
            "direct telefoonnummer komt er niet: inwoners bellen het algemene nummer.",
        ),
    }, en={
        "title": "Advice: write recovery letters in plain language",
        "intro": "Residents often do not understand letters about recovering benefits.",
    }, en_locale=en, themes=["communicatie", "geld"])
    _child(index, Advies, "klachtenregeling-sociaal-wijkteam", {
        "title": "Advies over de nieuwe klachtenregeling van het sociaal wijkteam",
        "date": today - timedelta(days=14),
        "kind": Advies.Kind.ASKED,
        "addressed_to": "Wethouder sociaal domein",
        "intro": "De wethouder vroeg ons advies over de nieuwe klachtenregeling. Wij adviseren "
                 "onder meer: laat een klacht altijd eerst telefonisch bespreken.",
        "follow_up": Advies.FollowUp.OPEN,
    }, en={
        "title": "Advice on the new complaints procedure of the social district team",
        "intro": "The alderman asked for our advice on the new complaints procedure.",
    }, en_locale=en, themes=["bejegening"])
    return index, en


# --- Fictional demo meldingen (development only) ---------------------------------------------

DEMO_NAMESPACE = uuid.UUID("6f1c1f0e-6a3e-4f59-9a43-6b5e0c1d7a11")
QUARTER_SIZES = [96, 118, 131, 142]  # oldest first: a rising trend
ORGANISATIES = [
    "Sociaal wijkteam", "Wmo-loket gemeente", "Afdeling Werk en Inkomen",
    "Zorgaanbieder De Waterlelie (fictief)", "Jeugdhulp Het Anker (fictief)",
    "Kredietbank (fictief)", "Woningcorporatie (fictief)", "Huisartsenpraktijk",
]
REFERRALS = ["klacht-gemeente", "klacht-wmo-aanbieder", "klacht-jeugdhulpaanbieder",
             "clientondersteuning", "schuldhulpverlening", "bezwaar", "nationale-ombudsman",
             "sociaal-raadslieden"]


def demo_meldingen_allowed():
    production = os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production")
    wanted = settings.DEBUG or getattr(settings, "KENNISBANK_DEMO_MELDINGEN", False)
    return wanted and not production


def demo_quarters(now=None):
    """The four complete quarters before the current one, oldest first."""
    year, quarter = quarter_of(now or timezone.now())
    quarters = last_quarters(5, year, quarter)
    return quarters[:4]


def generate_demo_meldingen(quarters=None, seed=2026):
    """Several hundred fictional, anonymous meldingen over four quarters, with a fixed random
    seed. Idempotent: every melding has a fixed idempotency token."""
    from meldformulier.models import Melding, ReferenceCounter, Soort, Status, Uitkomst
    from verwijsgids.models import Domein

    quarters = quarters or demo_quarters()
    rng = random.Random(seed)
    domains = {d.key: d for d in Domein.objects.all()}
    themes = {t.key: t for t in Thema.objects.all()}
    plan = []
    for (year, quarter), size in zip(quarters, QUARTER_SIZES, strict=True):
        start, end = quarter_bounds(year, quarter)
        seconds = int((end - start).total_seconds())
        for number in range(size):
            token = uuid.uuid5(DEMO_NAMESPACE, f"{year}-{quarter}-{number}")
            plan.append((token, start + timedelta(seconds=rng.randrange(seconds))))
    existing = set(
        Melding.objects.filter(idempotency_token__in=[t for t, _ in plan])
        .values_list("idempotency_token", flat=True)
    )
    created = 0
    now = timezone.now()
    theme_keys = [k for k in ("bereikbaarheid", "wachttijden", "communicatie", "samenwerking",
                              "toegang", "geld", "bejegening") if k in themes]
    for token, created_at in plan:
        # Draw every value even for existing meldingen, so the sequence stays the same.
        kind = rng.choices(list(Soort.values), weights=[50, 25, 20, 5])[0]
        domain_key = rng.choices(
            ["wmo", "jeugd", "werk-inkomen", "schulden", "zorg", "gemeente", None],
            weights=[30, 18, 16, 12, 10, 10, 4],
        )[0]
        organisations = ", ".join(rng.sample(ORGANISATIES, rng.choice([0, 1, 1, 1, 2])))
        referred = rng.random() < 0.45
        referral = rng.choices(REFERRALS, weights=[20, 15, 8, 12, 10, 8, 3, 6])[0]
        chosen = rng.sample(theme_keys, rng.choice([0, 1, 1, 2])) if theme_keys else []
        paarse = rng.random() < 0.12
        about_referral = rng.random() < 0.5
        recent = (now - created_at).days < 45
        closed = not recent or rng.random() < 0.5
        outcome = rng.choices(
            [Uitkomst.OPGELOST, Uitkomst.DEELS_OPGELOST, Uitkomst.NIET_OPGELOST,
             Uitkomst.INFORMATIE, Uitkomst.GEEN_CONTACT, Uitkomst.INGETROKKEN],
            weights=[40, 20, 8, 22, 6, 4],
        )[0]
        if token in existing:
            continue
        if referred:
            outcome = Uitkomst.DOORVERWEZEN
        if paarse and "paarse-krokodil" in themes:
            chosen = chosen + ["paarse-krokodil"]
        local = timezone.localtime(created_at)
        melding = Melding.objects.create(
            reference=ReferenceCounter.next_reference(local.year),
            created_at=created_at,
            idempotency_token=token,
            kind=kind,
            domain=domains.get(domain_key),
            organisations=organisations,
            regeling_keys=[referral] if referred and about_referral else [],
            description="Fictieve demomelding voor de kwartaalcijfers.",
            contact="anoniem",
            status=(Status.DOORVERWEZEN if referred and not closed else
                    Status.GESLOTEN if closed else Status.IN_BEHANDELING),
            doorverwezen_naar=referral if referred else "",
            referred_at=created_at + timedelta(days=2) if referred else None,
            closed_at=created_at + timedelta(days=20) if closed else None,
            uitkomst=outcome if closed else "",
            paarse_krokodil=paarse,
        )
        if chosen:
            melding.themes.set([themes[k] for k in chosen])
        created += 1
    return created


def load_reports(index, en, quarters=None):
    """Two quarterly reports (the last two demo quarters), figures frozen on publishing."""
    quarters = quarters or demo_quarters()
    for year, quarter in quarters[-2:]:
        slug = f"kwartaalrapportage-{year}-q{quarter}"
        _child(index, Kwartaalrapportage, slug, {
            "title": f"Kwartaalrapportage Q{quarter} {year}",
            "year": year, "quarter": quarter,
            "date": (quarter_bounds(year, quarter)[1] + timedelta(days=20)).date(),
            "intro": "Wat wij dit kwartaal zagen in de meldingen, in cijfers en in woorden. "
                     "De meldingen in deze demo zijn verzonnen.",
            "body": [("heading", "Wat viel op?"), ("paragraph", p(
                "Het aantal meldingen groeit. De meeste meldingen gaan over de Wmo. Veel "
                "inwoners zeggen dat zij niemand te spreken krijgen. Daarover houden wij een "
                "leerbijeenkomst.",
            ))],
        }, en={
            "title": f"Quarterly report Q{quarter} {year}",
            "intro": "What we saw this quarter, in figures and words. The reports in this demo "
                     "are fictional.",
        }, en_locale=en)


def load(command):
    for key, name, name_en, description in THEMAS:
        Thema.objects.update_or_create(
            key=key, defaults={"name": name, "name_en": name_en, "description": description}
        )
    result = load_pages(command)
    if result is None:
        return
    index, en = result
    if not demo_meldingen_allowed():
        return
    try:
        import meldformulier.models  # noqa: F401
    except ImportError:
        return
    created = generate_demo_meldingen()
    if created:
        command.stdout.write(f"demo: {created} fictieve meldingen aangemaakt (alleen dev)")
    load_reports(index, en)
