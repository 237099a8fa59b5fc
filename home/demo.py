"""Demo content for the frame of the site: locales, home pages and the general pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from .models import Contactgegevens, ContentPage, HomePage

ORDER = 0


def p(*paragraphs):
    return RichText("".join(f"<p>{text}</p>" for text in paragraphs))


def ul(*items):
    return RichText("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


HOME_NL = {
    "title": "Klacht of zorg over hulp? Wij helpen u verder",
    "seo_title": "SignaLeerpunt sociaal domein",
    "search_description": (
        "Het SignaLeerpunt helpt als zorg, jeugdhulp, Wmo, werk en inkomen of schuldhulp "
        "niet goed gaat. Wij luisteren, zoeken een oplossing en leren ervan."
    ),
    "intro": (
        "Gaat er iets mis met zorg, jeugdhulp, ondersteuning, werk en inkomen of hulp bij "
        "schulden? Weet u niet waar u met uw klacht of zorg terecht kunt? Het SignaLeerpunt "
        "luistert naar u en helpt u verder."
    ),
    "body": [
        ("top_tasks", [
            {"title": "Vind de juiste plek", "description": "Beantwoord een paar vragen. "
             "Dan weet u waar u met uw klacht terecht kunt.", "url": "/vinden/"},
            {"title": "Doe een melding", "description": "Vertel ons wat er mis ging. "
             "Dat kan ook zonder uw naam.", "url": "/melden/"},
            {"title": "Alle klachtenregelingen", "description": "Een overzicht van alle "
             "plekken voor klachten, bezwaar en hulp.", "url": "/verwijsgids/"},
        ]),
        ("heading", "Wat doet het SignaLeerpunt?"),
        ("paragraph", p(
            "Wij werken in drie stappen: <b>luisteren, oplossen en leren</b>.",
        )),
        ("paragraph", ul(
            "<b>Luisteren.</b> U vertelt wat er is gebeurd. Wij nemen de tijd voor u.",
            "<b>Oplossen.</b> Is er een goede plek voor uw klacht? Dan sturen wij u in één keer "
            "naar de juiste plek. Na een week of twee bellen wij u om te vragen of het gelukt is. "
            "Valt uw probleem tussen twee organisaties in? Dan pakken wij het zelf op.",
            "<b>Leren.</b> Wij verzamelen wat er misgaat. Zo leert de gemeente hoe het beter "
            "kan. Elk kwartaal vertellen wij de gemeenteraad wat wij zien.",
        )),
        ("heading", "Voor wie is het SignaLeerpunt?"),
        ("paragraph", p(
            "Voor iedereen die in de gemeente woont en hulp krijgt of nodig heeft. Ook voor "
            "mantelzorgers, buren en professionals die zien dat het niet goed gaat. "
            "Het SignaLeerpunt is onafhankelijk en gratis.",
        )),
        ("callout", {"kind": "info", "heading": "Is er direct gevaar?",
                     "text": p("Bel 112. Bij zorgen over huiselijk geweld of "
                               "kindermishandeling: bel Veilig Thuis op 0800-2000 (gratis).")}),
    ],
}

HOME_EN = {
    "title": "A complaint or worry about care or support? We help you further",
    "seo_title": "SignaLeerpunt (social domain complaints and signals)",
    "search_description": (
        "The SignaLeerpunt helps when care, youth care, social support, work and income or "
        "debt help goes wrong. We listen, solve and learn."
    ),
    "intro": (
        "Is something going wrong with care, youth care, support, work and income or debt "
        "help? Not sure where to go with your complaint or worry? The SignaLeerpunt listens "
        "and helps you further."
    ),
    "body": [
        ("top_tasks", [
            {"title": "Find the right place", "description": "Answer a few questions to find "
             "out where to go with your complaint.", "url": "/en/vinden/"},
            {"title": "Report a problem", "description": "Tell us what went wrong. "
             "You can do this without giving your name.", "url": "/en/melden/"},
            {"title": "All complaint schemes", "description": "An overview of all places for "
             "complaints, objections and help.", "url": "/en/verwijsgids/"},
        ]),
        ("heading", "What does the SignaLeerpunt do?"),
        ("paragraph", ul(
            "<b>Listen.</b> You tell us what happened. We take time for you.",
            "<b>Solve.</b> If there is a right place for your complaint, we refer you there in "
            "one go and call you after a week or two to check it worked. If your problem falls "
            "between organisations, we take it up ourselves.",
            "<b>Learn.</b> We collect what goes wrong so the municipality learns how to do "
            "better. Every quarter we report to the council.",
        )),
        ("paragraph", p("The SignaLeerpunt is independent and free. Most information on this "
                        "site is in Dutch.")),
        ("callout", {"kind": "info", "heading": "Are you in immediate danger?",
                     "text": p("Call 112. If you are worried about domestic violence or child "
                               "abuse, call Veilig Thuis on 0800-2000 (free).")}),
    ],
}

PAGES = [
    {
        "slug": "toegankelijkheid",
        "nl": {
            "title": "Toegankelijkheid",
            "intro": "Wij willen dat iedereen deze website kan gebruiken.",
            "body": [
                ("paragraph", p(
                    "Deze website moet voldoen aan de Europese norm EN 301 549 en de "
                    "Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA. Wij toetsen "
                    "zelfs aan WCAG 2.2 AA. Dat is wettelijk verplicht voor overheden.",
                    "Wij testen elke paginasoort automatisch met axe-core in een echte browser. "
                    "De website werkt zonder JavaScript, met alleen een toetsenbord en op een "
                    "scherm van 320 pixels breed.",
                )),
                ("heading", "Werkt iets niet goed?"),
                ("paragraph", p(
                    "Laat het ons weten via de contactpagina. Wij antwoorden binnen "
                    "5 werkdagen en lossen het probleem zo snel mogelijk op.",
                )),
            ],
        },
        "en": {
            "title": "Accessibility",
            "intro": "We want everyone to be able to use this website.",
            "body": [("paragraph", p(
                "This website aims to meet WCAG 2.2 level AA (Dutch law requires 2.1 AA). "
                "Every page type is tested automatically with axe-core in a real browser. "
                "If something does not work for you, please tell us through the contact page; "
                "we answer within 5 working days.",
            ))],
        },
    },
    {
        "slug": "privacy",
        "nl": {
            "title": "Privacy",
            "intro": "Zo gaan wij om met uw gegevens.",
            "body": [
                ("paragraph", p(
                    "Wij vragen alleen de gegevens die wij nodig hebben om u te helpen. "
                    "U mag ook zonder naam een melding doen. Dan kunnen wij u geen antwoord geven.",
                    "Uw gegevens zijn versleuteld opgeslagen. Alleen medewerkers van het "
                    "SignaLeerpunt kunnen ze zien. Wij houden bij wie uw melding bekijkt.",
                    "Wij bewaren een melding tot 12 maanden nadat wij de melding hebben "
                    "afgesloten. Daarna verwijderen wij alles automatisch. Alleen anonieme "
                    "aantallen blijven over, voor onze rapporten aan de gemeenteraad.",
                )),
                ("heading", "Uw rechten"),
                ("paragraph", p(
                    "U mag uw gegevens inzien, laten verbeteren of laten verwijderen. Neem "
                    "daarvoor contact met ons op. Bent u het niet eens met hoe wij met uw "
                    "gegevens omgaan? Dan kunt u een klacht indienen bij de Autoriteit "
                    "Persoonsgegevens.",
                    "Deze website gebruikt geen cookies om u te volgen en laadt niets van "
                    "andere websites.",
                )),
            ],
        },
        "en": {
            "title": "Privacy",
            "intro": "How we handle your data.",
            "body": [("paragraph", p(
                "We only ask for the data we need to help you, and you may report anonymously. "
                "Your data is stored encrypted, only SignaLeerpunt staff can see it, and every "
                "view is logged. We delete a report 12 months after it is closed; only anonymous "
                "counts remain. This site uses no tracking cookies and loads nothing from other "
                "websites.",
            ))],
        },
    },
    {
        "slug": "contact",
        "nl": {
            "title": "Contact",
            "intro": "U kunt ons bellen, mailen of een melding doen via het formulier.",
            "body": [
                ("paragraph", p(
                    "Wilt u liever met iemand praten? Bel ons. Wilt u iets op papier zetten? "
                    "Gebruik dan het meldformulier. Wij nemen binnen 5 werkdagen contact met "
                    "u op als u uw telefoonnummer of e-mailadres geeft.",
                )),
                ("top_tasks", [{"title": "Doe een melding", "description":
                                "Vertel ons wat er mis ging.", "url": "/melden/"}]),
            ],
        },
        "en": {
            "title": "Contact",
            "intro": "Call us, e-mail us or use the report form.",
            "body": [("paragraph", p(
                "If you leave a phone number or e-mail address, we contact you within "
                "5 working days.",
            ))],
        },
    },
]


CONTACT_DEMO = {
    "phone": "14 023",
    "note": (
        "Het SignaLeerpunt heeft nog geen eigen telefoonnummer. Bel het algemene nummer van "
        "de gemeente, 14 023, en vraag naar het SignaLeerpunt."
    ),
    "note_en": (
        "The SignaLeerpunt does not have its own phone number yet. Call the municipality's "
        "general number, 14 023, and ask for the SignaLeerpunt."
    ),
}


def _publish(page):
    page.save_revision().publish()


def _set_fields(page, data):
    for field, value in data.items():
        setattr(page, field, value)


def _home_pages():
    nl, _ = Locale.objects.get_or_create(language_code="nl")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=nl).first()
    if home is None:
        # Wagtail's "Welcome to your new Wagtail site!" page takes the slug "home".
        Page.objects.filter(depth=2, content_type__model="page").delete()
        home = HomePage(slug="home", locale=nl, **{k: v for k, v in HOME_NL.items()})
        root.add_child(instance=home)
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.site_name, site.root_page = "SignaLeerpunt sociaal domein", home
    site.save()
    home_en = home.get_translation_or_none(en)
    if home_en is None:
        home_en = home.copy_for_translation(en)
        _set_fields(home_en, HOME_EN)
        _publish(home_en)
    return home, home_en, en


def load(command):
    home, home_en, en = _home_pages()
    for spec in PAGES:
        page = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = ContentPage(slug=spec["slug"], show_in_menus=False, **spec["nl"])
            home.add_child(instance=page)
            _publish(page)
        if page.get_translation_or_none(en) is None:
            translated = page.copy_for_translation(en)
            _set_fields(translated, spec["en"])
            _publish(translated)
    # Only facts: the municipality's general number 14 023. E-mail, address and hours are
    # not known, so they stay empty and the site says "nog niet bekend".
    contact = Contactgegevens.load()
    if not any([contact.phone, contact.email, contact.address, contact.opening_hours,
                contact.note]):
        contact.phone = CONTACT_DEMO["phone"]
        contact.note = CONTACT_DEMO["note"]
        contact.note_en = CONTACT_DEMO["note_en"]
        contact.save()
    if getattr(settings, "DEMO_ADMIN", False):
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@example.org", "changeme")
            command.stdout.write("demo: beheerder admin / changeme aangemaakt (alleen dev)")
