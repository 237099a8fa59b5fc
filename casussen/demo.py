# ruff: noqa: E501 (demo texts)
"""Demo content: the case overview, eight fictional anonymised case stories, the newsletter
archive with two editions, and the workflow "Casus publiceren" with its Privacytoets."""

import datetime

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Workflow, WorkflowPage, WorkflowTask

from home.models import HomePage
from kennisbank.models import Thema
from verwijsgids.models import Domein

from .models import Casus, CasusIndexPage, NieuwsbriefArchief, NieuwsbriefEditie, PrivacytoetsTask

ORDER = 60

GROUP_NAME = "Privacyfunctionaris"
WORKFLOW_NAME = "Casus publiceren"
TASK_NAME = "Privacytoets"

INDEX = {
    "nl": {"title": "Casussen", "intro": "Verhalen uit de praktijk, zonder namen. Wat ging er "
           "mis, wat deden wij en wat leren we ervan?"},
    "en": {"title": "Case stories", "intro": "Anonymous stories from practice: what went "
           "wrong, what we did and what we learn. The stories are in Dutch."},
}
ARCHIVE = {
    "nl": {"title": "Nieuwsbrief", "intro": "Elk kwartaal een korte nieuwsbrief met anonieme "
           "casussen en nieuws van het SignaLeerpunt."},
    "en": {"title": "Newsletter", "intro": "A short quarterly newsletter with anonymous case "
           "stories (in Dutch)."},
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


def _publish(page):
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


def setup_workflow(pages):
    """Group Privacyfunctionaris, task Privacytoets, workflow Casus publiceren on `pages`."""
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    perms = [
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="casussen", codename="privacy_override"),
    ]
    group.permissions.add(*perms)
    for page in pages:
        for codename in ("change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                  codename=codename),
            )
    task = PrivacytoetsTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = PrivacytoetsTask.objects.create(name=TASK_NAME)
    task.groups.set([group])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task,
                                       defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def load(command):
    home = HomePage.objects.get(locale__language_code="nl")
    en = Locale.objects.get(language_code="en")
    index = _child(home, CasusIndexPage, "casussen", {**INDEX["nl"], "show_in_menus": True})
    index_en = _translated(index, en, INDEX["en"])
    archive = _child(home, NieuwsbriefArchief, "nieuwsbrief",
                     {**ARCHIVE["nl"], "show_in_menus": True})
    _translated(archive, en, ARCHIVE["en"])

    domains = {d.key: d for d in Domein.objects.all()}
    themes = {t.key: t for t in Thema.objects.all()}
    cases = {}
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

    for spec in EDITIONS:
        spec = dict(spec)
        case_slugs = spec.pop("cases")
        if not NieuwsbriefEditie.objects.child_of(archive).filter(slug=spec["slug"]).exists():
            page = NieuwsbriefEditie(**spec)
            page.casussen = [cases[slug] for slug in case_slugs]
            archive.add_child(instance=page)
            _publish(page)

    setup_workflow([index, index_en])
