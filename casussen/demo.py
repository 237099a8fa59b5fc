# ruff: noqa: E501 (demo texts)
"""Demo content: the case overview, eight fictional anonymised case stories and the newsletter
archive with two editions, in Dutch and in English (translations of the Dutch pages). The
workflow "Casus publiceren" comes from migration 0002 (see `workflow.py`); this reuses it."""

import datetime

from wagtail.models import Locale

from home.models import HomePage
from kennisbank.models import Thema
from verwijsgids.models import Domein

from . import workflow
from .models import Casus, CasusIndexPage, NieuwsbriefArchief, NieuwsbriefEditie

ORDER = 60

INDEX = {
    "nl": {"title": "Casussen", "intro": "Verhalen uit de praktijk, zonder namen. Wat ging er "
           "mis, wat deden wij en wat leren we ervan?"},
    "en": {"title": "Case stories", "intro": "Stories from practice, without names. What "
           "went wrong, what did we do and what do we learn from it?"},
}
ARCHIVE = {
    "nl": {"title": "Nieuwsbrief", "intro": "Elk kwartaal een korte nieuwsbrief met anonieme "
           "casussen en nieuws van het SignaLeerpunt."},
    "en": {"title": "Newsletter", "intro": "Every quarter a short newsletter with anonymous "
           "case stories and news from the SignaLeerpunt."},
}

CASES = [
    {
        "slug": "traplift-na-vijf-maanden",
        "title": "Vijf maanden wachten op een traplift",
        "summary": "Een oudere vrouw kon de trap niet meer op en wachtte maanden op een traplift.",
        "situation": "Mevrouw A. is in de tachtig en woont alleen in een huis met een trap. "
                     "Haar slaapkamer is boven. Ze vroeg bij de gemeente een traplift aan.",
        "what_went_wrong": "De aanvraag lag eerst bij de gemeente en daarna bij de leverancier. "
                           "Niemand wist wie aan de beurt was. Mevrouw A. sliep maanden in "
                           "haar stoel beneden.",
        "what_was_done": "Wij belden met de Wmo-consulent en met de leverancier. Samen maakten "
                         "ze één planning. Wij belden mevrouw A. elke twee weken.",
        "result": "De traplift kwam drie weken later. De gemeente spreekt nu met leveranciers "
                  "een vaste termijn af.",
        "lessons": "Eén persoon moet de regie houden als twee organisaties samen iets leveren. "
                   "Vertel inwoners wie dat is.",
        "outcome": "opgelost", "quarter": 1, "year": 2025,
        "domains": ["wmo"], "themes": ["wachttijden", "samenwerking"],
        "organisations": "Gemeente (Wmo)\nLeverancier van hulpmiddelen",
    },
    {
        "slug": "achttien-en-geen-hulp-meer",
        "title": "Achttien jaar en ineens geen hulp meer",
        "summary": "Een jongere verloor zijn begeleiding op de dag dat hij achttien werd.",
        "situation": "Een jongere tussen 17 en 19 jaar kreeg jeugdhulp bij het zelfstandig "
                     "wonen. Zijn moeder maakte zich zorgen over wat er na zijn verjaardag "
                     "zou gebeuren.",
        "what_went_wrong": "De jeugdhulp stopte bij achttien jaar. De aanvraag voor hulp uit de "
                           "Wmo was niet op tijd gedaan. Er zat een gat van drie maanden tussen.",
        "what_was_done": "Wij brachten het sociaal wijkteam en de jeugdhulpaanbieder aan tafel. "
                         "De jeugdhulp liep door tot de nieuwe hulp kon starten.",
        "result": "De jongere kreeg zonder onderbreking begeleiding.",
        "lessons": "Begin een half jaar voor de achttiende verjaardag met de overstap. Leg in "
                   "het plan vast wie de aanvraag doet.",
        "outcome": "opgelost", "quarter": 2, "year": 2025,
        "domains": ["jeugd", "wmo"], "themes": ["paarse-krokodil", "samenwerking"],
        "organisations": "Sociaal wijkteam\nJeugdhulpaanbieder",
    },
    {
        "slug": "twee-brieven-twee-bedragen",
        "title": "Twee brieven met twee verschillende bedragen",
        "summary": "Een gezin kreeg twee brieven over dezelfde terugvordering met een ander bedrag.",
        "situation": "Het gezin B. heeft bijstand. Zij kregen een brief over geld dat ze moesten "
                     "terugbetalen. Een week later kwam een tweede brief met een ander bedrag.",
        "what_went_wrong": "Niemand kon uitleggen welk bedrag klopte. Het gezin was bang voor "
                           "schulden en durfde niets te betalen.",
        "what_was_done": "Wij vroegen de afdeling Werk en Inkomen om één duidelijke brief. Een "
                         "klantmanager belde het gezin om het uit te leggen.",
        "result": "Het juiste bedrag was lager. Het gezin kreeg een betalingsregeling.",
        "lessons": "Stuur bij een correctie één brief die de oude brief vervangt. Zeg in "
                   "gewone woorden wat er veranderd is.",
        "outcome": "opgelost", "quarter": 3, "year": 2024,
        "domains": ["werk-inkomen"], "themes": ["communicatie", "geld"],
        "organisations": "Gemeente, afdeling Werk en Inkomen",
    },
    {
        "slug": "taxi-komt-niet",
        "title": "De taxi naar de dagbesteding kwam steeds te laat",
        "summary": "Een man miste vaak zijn dagbesteding omdat het vervoer niet op tijd kwam.",
        "situation": "Meneer C. is in de zestig en gaat drie keer per week naar de "
                     "dagbesteding. Hij reist met het Wmo-vervoer.",
        "what_went_wrong": "De taxi kwam vaak een uur te laat of helemaal niet. Klachten bij de "
                           "vervoerder hielpen niet. Meneer C. bleef thuis zitten.",
        "what_was_done": "Wij verzamelden de signalen van meerdere inwoners. Die deelden wij "
                         "met de gemeente, die het contract met de vervoerder beheert.",
        "result": "De vervoerder heeft de planning aangepast. Het aantal klachten is gedaald.",
        "lessons": "Eén klacht lijkt klein, maar samen laten signalen een patroon zien. "
                   "Meld het daarom altijd.",
        "outcome": "deels", "quarter": 4, "year": 2024,
        "domains": ["wmo"], "themes": ["bereikbaarheid"],
        "organisations": "Gemeente\nVervoerder Wmo-vervoer",
    },
    {
        "slug": "schuldhulp-wachtlijst",
        "title": "Lang wachten op schuldhulp",
        "summary": "Een alleenstaande moeder wachtte maanden op het eerste gesprek over haar schulden.",
        "situation": "Mevrouw D. heeft twee kinderen en schulden. Ze meldde zich voor "
                     "schuldhulpverlening.",
        "what_went_wrong": "Na haar aanmelding hoorde ze niets. Intussen kwamen er "
                           "aanmaningen en kosten bij.",
        "what_was_done": "Wij namen contact op met de schuldhulpverlening. MEE ging als "
                         "cliëntondersteuner mee naar het eerste gesprek.",
        "result": "Binnen twee weken was er een gesprek. De schuldeisers kregen bericht.",
        "lessons": "Geef inwoners na hun aanmelding meteen een datum voor het eerste gesprek. "
                   "Wachten maakt schulden groter.",
        "outcome": "opgelost", "quarter": 1, "year": 2025,
        "domains": ["schulden"], "themes": ["wachttijden", "toegang"],
        "organisations": "Schuldhulpverlening van de gemeente\nMEE",
    },
    {
        "slug": "niemand-neemt-op",
        "title": "Niemand neemt de telefoon op",
        "summary": "Een mantelzorger kreeg de wijkverpleging niet te pakken.",
        "situation": "Een dochter zorgt voor haar vader van in de negentig. Zijn zorg "
                     "veranderde en ze had vragen over de wijkverpleging.",
        "what_went_wrong": "Ze belde vele keren, maar kreeg steeds een bandje. Terugbellen "
                           "gebeurde niet.",
        "what_was_done": "Wij wezen haar op de klachtenfunctionaris van de zorgaanbieder en "
                         "belden zelf met de teamleider.",
        "result": "De mantelzorger heeft nu een vast telefoonnummer van het team. Haar klacht "
                  "is besproken.",
        "lessons": "Zorg dat mantelzorgers een vaste contactpersoon hebben. Bel terug als dat "
                   "is beloofd.",
        "outcome": "opgelost", "quarter": 2, "year": 2024,
        "domains": ["zorg"], "themes": ["bereikbaarheid"],
        "organisations": "Wijkverpleging\nKlachtenfunctionaris van de zorgaanbieder",
    },
    {
        "slug": "regel-blokkeert-oplossing",
        "title": "Een regel die een logische oplossing blokkeert",
        "summary": "Een gezin mocht geen hulp krijgen omdat een formulier op de verkeerde plek lag.",
        "situation": "Een gezin met een kind met een beperking vroeg om vervoer naar school "
                     "en om begeleiding thuis.",
        "what_went_wrong": "De twee aanvragen gingen naar twee afdelingen. Elke afdeling zei "
                           "dat de andere eerst moest beslissen. Zo bleef alles liggen.",
        "what_was_done": "Wij hebben dit als paarse krokodil besproken in een leerbijeenkomst. "
                         "Beide afdelingen waren erbij.",
        "result": "Er is nu één aanvraag voor beide vormen van hulp. Het gezin kreeg binnen "
                  "een maand een besluit.",
        "lessons": "Als regels een logische oplossing in de weg staan, zoek dan samen naar een "
                   "uitweg. Laat de inwoner niet tussen twee loketten staan.",
        "outcome": "opgelost", "quarter": 3, "year": 2025,
        "domains": ["jeugd", "gemeente"], "themes": ["paarse-krokodil", "samenwerking"],
        "organisations": "Gemeente\nSociaal wijkteam",
    },
    {
        "slug": "bezwaar-zonder-antwoord",
        "title": "Een bezwaar zonder antwoord",
        "summary": "Een inwoner wachtte veel langer dan de wet toestaat op een beslissing op bezwaar.",
        "situation": "Meneer E. maakte bezwaar tegen een besluit over huishoudelijke hulp.",
        "what_went_wrong": "De termijn verliep zonder beslissing. Meneer E. kreeg geen bericht "
                           "over uitstel.",
        "what_was_done": "Wij legden uit welke rechten hij heeft. Wij vroegen de gemeente "
                         "om een datum voor de beslissing.",
        "result": "De beslissing kwam na nog vier weken. Het bezwaar was deels gegrond. De "
                  "zaak loopt nog bij de Nationale ombudsman.",
        "lessons": "Laat inwoners weten als een beslissing later komt, en waarom. Dat voorkomt "
                   "veel onrust.",
        "outcome": "loopt", "quarter": 4, "year": 2025,
        "domains": ["wmo", "gemeente"], "themes": ["wachttijden", "communicatie"],
        "organisations": "Gemeente (bezwaarschriftencommissie)\nNationale ombudsman",
    },
]

EDITIONS = [
    {
        "slug": "nieuwsbrief-voorjaar-2025",
        "title": "Nieuwsbrief voorjaar 2025",
        "edition_date": datetime.date(2025, 4, 15),
        "intro": "In deze nieuwsbrief leest u over wachten: op een traplift en op schuldhulp. "
                 "Wachten maakt problemen vaak groter. Wat kunnen we daaraan doen?",
        "cases": ["traplift-na-vijf-maanden", "schuldhulp-wachtlijst"],
        "announcements": "<p>In het tweede kwartaal houden wij een leerbijeenkomst over "
                         "wachttijden. Professionals zijn welkom.</p>",
    },
    {
        "slug": "nieuwsbrief-najaar-2025",
        "title": "Nieuwsbrief najaar 2025",
        "edition_date": datetime.date(2025, 10, 15),
        "intro": "Deze keer gaat het over de paarse krokodil: regels die een logische "
                 "oplossing in de weg staan. Twee voorbeelden en wat we ervan leren.",
        "cases": ["achttien-en-geen-hulp-meer", "regel-blokkeert-oplossing"],
        "announcements": "<p>Ons kwartaalrapport voor de gemeenteraad staat op de website.</p>",
    },
]


# English translations of the case stories, by the slug of the Dutch page. Plain English,
# no names: letters instead of names, age groups instead of ages, quarters instead of dates.
CASES_EN = {
    "traplift-na-vijf-maanden": {
        "slug": "five-months-waiting-for-a-stairlift",
        "title": "Five months waiting for a stairlift",
        "summary": "An older woman could no longer climb the stairs and waited months for a stairlift.",
        "situation": "Mrs A. is in her eighties and lives alone in a house with stairs. Her "
                     "bedroom is upstairs. She asked the municipality for a stairlift.",
        "what_went_wrong": "The request was first with the municipality and then with the "
                           "supplier. Nobody knew whose turn it was. For months, Mrs A. slept "
                           "in her chair downstairs.",
        "what_was_done": "We called the Wmo consultant and the supplier. Together they made "
                         "one plan. We called Mrs A. every two weeks.",
        "result": "The stairlift came three weeks later. The municipality now agrees a fixed "
                  "delivery time with suppliers.",
        "lessons": "When two organisations deliver something together, one person must be in "
                   "charge. Tell residents who that is.",
        "organisations": "Municipality (Wmo)\nSupplier of aids",
    },
    "achttien-en-geen-hulp-meer": {
        "slug": "eighteen-and-suddenly-no-more-help",
        "title": "Eighteen and suddenly no more help",
        "summary": "A young man lost his support on the day he turned eighteen.",
        "situation": "A young person between 17 and 19 got youth care to learn to live on his "
                     "own. His mother was worried about what would happen after his birthday.",
        "what_went_wrong": "Youth care stopped at eighteen. The request for support under the "
                           "Wmo was not made in time. There was a gap of three months.",
        "what_was_done": "We brought the social neighbourhood team and the youth care provider "
                         "together. Youth care went on until the new support could start.",
        "result": "The young man got support without a break.",
        "lessons": "Start the move to adult support six months before the eighteenth birthday. "
                   "Write down in the plan who makes the request.",
        "organisations": "Social neighbourhood team\nYouth care provider",
    },
    "twee-brieven-twee-bedragen": {
        "slug": "two-letters-with-two-different-amounts",
        "title": "Two letters with two different amounts",
        "summary": "A family got two letters about the same repayment, each with a different amount.",
        "situation": "The B. family lives on social assistance. They got a letter about money "
                     "they had to pay back. A week later a second letter came with a different "
                     "amount.",
        "what_went_wrong": "Nobody could explain which amount was right. The family was afraid "
                           "of debts and did not dare to pay anything.",
        "what_was_done": "We asked the Work and Income department for one clear letter. A "
                         "client manager called the family to explain it.",
        "result": "The right amount was lower. The family got a payment plan.",
        "lessons": "When you correct a letter, send one letter that replaces the old one. Say "
                   "in plain words what has changed.",
        "organisations": "Municipality, Work and Income department",
    },
    "taxi-komt-niet": {
        "slug": "the-taxi-to-day-care-was-always-late",
        "title": "The taxi to day care was always late",
        "summary": "A man often missed his day care because the transport did not come on time.",
        "situation": "Mr C. is in his sixties and goes to day care three times a week. He "
                     "travels with Wmo transport.",
        "what_went_wrong": "The taxi often came an hour late or not at all. Complaints to the "
                           "transport company did not help. Mr C. stayed at home.",
        "what_was_done": "We collected the signals of several residents. We shared them with "
                         "the municipality, which manages the contract with the transport "
                         "company.",
        "result": "The transport company changed its planning. There are fewer complaints now.",
        "lessons": "One complaint seems small, but together signals show a pattern. So always "
                   "report it.",
        "organisations": "Municipality\nWmo transport company",
    },
    "schuldhulp-wachtlijst": {
        "slug": "a-long-wait-for-debt-help",
        "title": "A long wait for debt help",
        "summary": "A single mother waited months for the first talk about her debts.",
        "situation": "Mrs D. has two children and debts. She signed up for debt help.",
        "what_went_wrong": "After she signed up, she heard nothing. In the meantime, reminders "
                           "and extra costs came in.",
        "what_was_done": "We contacted the debt help service. MEE went with her to the first "
                         "talk as an independent client supporter.",
        "result": "Within two weeks there was a talk. The creditors were informed.",
        "lessons": "Give residents a date for the first talk as soon as they sign up. Waiting "
                   "makes debts bigger.",
        "organisations": "Debt help service of the municipality\nMEE",
    },
    "niemand-neemt-op": {
        "slug": "nobody-answers-the-phone",
        "title": "Nobody answers the phone",
        "summary": "A family carer could not reach the district nursing team.",
        "situation": "A daughter cares for her father, who is in his nineties. His care "
                     "changed and she had questions for the district nursing team.",
        "what_went_wrong": "She called many times, but always got a recorded message. Nobody "
                           "called her back.",
        "what_was_done": "We told her about the complaints officer of the care provider and "
                         "called the team leader ourselves.",
        "result": "The family carer now has a fixed phone number of the team. Her complaint "
                  "has been discussed.",
        "lessons": "Make sure family carers have one fixed contact person. Call back when you "
                   "promised to.",
        "organisations": "District nursing\nComplaints officer of the care provider",
    },
    "regel-blokkeert-oplossing": {
        "slug": "a-rule-that-blocks-a-sensible-solution",
        "title": "A rule that blocks a sensible solution",
        "summary": "A family could not get help because a form was in the wrong place.",
        "situation": "A family with a disabled child asked for transport to school and for "
                     "support at home.",
        "what_went_wrong": "The two requests went to two departments. Each department said the "
                           "other one had to decide first. So nothing happened.",
        "what_was_done": "We discussed this as a purple crocodile at a learning session. Both "
                         "departments took part.",
        "result": "There is now one request for both kinds of help. The family got a decision "
                  "within a month.",
        "lessons": "When rules stand in the way of a sensible solution, look for a way out "
                   "together. Do not leave the resident stuck between two desks.",
        "organisations": "Municipality\nSocial neighbourhood team",
    },
    "bezwaar-zonder-antwoord": {
        "slug": "an-objection-without-an-answer",
        "title": "An objection without an answer",
        "summary": "A resident waited much longer than the law allows for a decision on his objection.",
        "situation": "Mr E. objected to a decision about help in the household.",
        "what_went_wrong": "The time limit passed without a decision. Mr E. was not told "
                           "about any delay.",
        "what_was_done": "We explained his rights to him. We asked the municipality for a date "
                         "for the decision.",
        "result": "The decision came four weeks later. The objection was partly upheld. The "
                  "case is still with the National Ombudsman.",
        "lessons": "Let residents know when a decision will be late, and why. That prevents a "
                   "lot of worry.",
        "organisations": "Municipality (objections committee)\nNational Ombudsman",
    },
}

EDITIONS_EN = {
    "nieuwsbrief-voorjaar-2025": {
        "slug": "newsletter-spring-2025",
        "title": "Newsletter spring 2025",
        "intro": "In this newsletter you read about waiting: for a stairlift and for debt help. "
                 "Waiting often makes problems bigger. What can we do about it?",
        "announcements": "<p>In the second quarter we hold a learning session about waiting "
                         "times. Professionals are welcome.</p>",
    },
    "nieuwsbrief-najaar-2025": {
        "slug": "newsletter-autumn-2025",
        "title": "Newsletter autumn 2025",
        "intro": "This time it is about the purple crocodile: rules that stand in the way of a "
                 "sensible solution. Two examples and what we learn from them.",
        "announcements": "<p>Our quarterly report for the municipal council is on the "
                         "website.</p>",
    },
}

# English intros of earlier versions of the demo: replaced when `load_demo` runs again.
OLD_INTROS_EN = {
    "Anonymous stories from practice: what went wrong, what we did and what we learn. The "
    "stories are in Dutch.",
    "A short quarterly newsletter with anonymous case stories (in Dutch).",
}


def _publish(page):
    if isinstance(page.specific, Casus):
        # Demo stories pass the Privacytoets like any other (two demo accounts).
        page.save_revision()
        workflow.approve_as(page, *workflow.demo_reviewers(), scan=False)
        return
    page.save_revision().publish()


def _child(parent, model, slug, fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        _publish(page)
    return page


def _translated(page, locale, fields):
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        for key, value in fields.items():
            setattr(translation, key, value)
        _publish(translation)
    return translation


def _refresh_old_intro(page, intro):
    """An English overview made by an earlier demo said "the stories are in Dutch"."""
    if page.intro in OLD_INTROS_EN:
        page.intro = intro
        _publish(page)


def _translated_edition(edition, locale, fields, cases_en):
    translation = edition.get_translation_or_none(locale)
    if translation is None:
        translation = edition.copy_for_translation(locale)
        for key, value in fields.items():
            setattr(translation, key, value)
        # The English edition shows the English case stories (its snapshot is made on save).
        translation.casussen = [
            cases_en[case.pk] for case in edition.casussen.all() if case.pk in cases_en
        ]
        _publish(translation)
    return translation


def load(command):
    home = HomePage.objects.get(locale__language_code="nl")
    en = Locale.objects.get(language_code="en")
    index = _child(home, CasusIndexPage, "casussen", {**INDEX["nl"], "show_in_menus": True})
    index_en = _translated(index, en, INDEX["en"])
    _refresh_old_intro(index_en, INDEX["en"]["intro"])
    archive = _child(home, NieuwsbriefArchief, "nieuwsbrief",
                     {**ARCHIVE["nl"], "show_in_menus": True})
    archive_en = _translated(archive, en, ARCHIVE["en"])
    _refresh_old_intro(archive_en, ARCHIVE["en"]["intro"])

    domains = {d.key: d for d in Domein.objects.all()}
    themes = {t.key: t for t in Thema.objects.all()}
    cases, cases_en = {}, {}
    for spec in CASES:
        spec = dict(spec)
        domain_keys, theme_keys = spec.pop("domains"), spec.pop("themes")
        page = Casus.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = Casus(**spec)
            page.domains = [domains[k] for k in domain_keys]
            page.themes = [themes[k] for k in theme_keys]
            index.add_child(instance=page)
            _publish(page)
        cases[spec["slug"]] = page
        # The translation takes over domains, themes, period and outcome from the Dutch page.
        cases_en[page.pk] = _translated(page, en, CASES_EN[spec["slug"]])

    for spec in EDITIONS:
        spec = dict(spec)
        case_slugs = spec.pop("cases")
        page = NieuwsbriefEditie.objects.child_of(archive).filter(slug=spec["slug"]).first()
        if page is None:
            page = NieuwsbriefEditie(**spec)
            page.casussen = [cases[slug] for slug in case_slugs]
            archive.add_child(instance=page)
            _publish(page)
        _translated_edition(page, en, EDITIONS_EN[spec["slug"]], cases_en)

    # Both overviews got the workflow when they were made (an older database: now).
    for page in (index, index_en):
        workflow.assign(page)
