"""The guided finder at /vinden/: one plain question per page, then the right scheme(s).

In the manner of GOV.UK's "check if a service is suitable": every question can be answered
with "weet ik niet", every answer travels in the URL (GET), so the back button, changing an
answer and sharing a result all work without JavaScript. One exception, for safety: the
topic question is posted, and the answer "geweld of een onveilige situatie thuis" never
goes into the URL or the title; its outcome is crisis help, not complaint schemes. Other
topics are redirected to the usual GET address. The result names the scheme(s),
why, what to do first and what comes after (the escalation ladder), and always offers the
SignaLeerpunt's intake form.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .loader import get_index

WEET_NIET = "weet-niet"
# Schemes that answer a decision of the municipality (objection, appeal).
DECISION_KEYS = {"bezwaar", "beroep-rechtbank"}
GEWELD = "geweld"


@dataclass
class Question:
    name: str
    text: str
    hint: str
    options: list  # (value, label, hint)
    applies: object = None  # callable(answers) -> bool

    def valid(self, value, options=None):
        return value in {option[0] for option in (options or self.options)}


def _gemeente_options():
    from verwijsgids.models import Gemeente

    index = get_index(_language())
    rows = [
        (g.key, g.label, "") for g in Gemeente.objects.order_by("name") if g.key in index.gemeenten
    ]
    return rows + [("anders", _("Een andere gemeente"), ""), (WEET_NIET, _("Weet ik niet"), "")]


OVER = [
    ("wmo", gettext_lazy("Hulp of ondersteuning thuis"),
     gettext_lazy("Bijvoorbeeld huishoudelijke hulp, begeleiding, dagbesteding, een "
                  "scootmobiel of een aanpassing in huis (Wmo).")),
    ("jeugd", gettext_lazy("Hulp voor kinderen, jongeren of ouders"),
     gettext_lazy("Jeugdhulp, jeugdbescherming of pleegzorg.")),
    ("werk-inkomen", gettext_lazy("Werk en inkomen"),
     gettext_lazy("Bijvoorbeeld bijstand, bijzondere bijstand of hulp bij werk zoeken.")),
    ("schulden", gettext_lazy("Schulden en geldzorgen"),
     gettext_lazy("Hulp bij schulden (schuldhulpverlening).")),
    ("zorg", gettext_lazy("Zorg"),
     gettext_lazy("De huisarts, het ziekenhuis, de wijkverpleging of de ggz.")),
    ("gemeente", gettext_lazy("Hoe de gemeente mij behandelde"),
     gettext_lazy("Bijvoorbeeld een onvriendelijke medewerker of een afspraak die niet "
                  "doorging.")),
    (GEWELD, gettext_lazy("Geweld of een onveilige situatie thuis"),
     gettext_lazy("U of iemand anders wordt bedreigd, geslagen, mishandeld of misbruikt, of "
                  "is bang thuis. Ook als u geweld wilt melden bij Veilig Thuis.")),
    (WEET_NIET, gettext_lazy("Weet ik niet"), ""),
]
WIE = [
    ("gemeente", gettext_lazy("De gemeente of het sociaal wijkteam"), ""),
    ("aanbieder", gettext_lazy("Een organisatie die zorg of hulp geeft"),
     gettext_lazy("Bijvoorbeeld de thuiszorg, een jeugdhulpaanbieder of de huisarts.")),
    ("veilig-thuis", gettext_lazy("Veilig Thuis"),
     gettext_lazy("U wilt klagen over hoe Veilig Thuis handelde. Wilt u geweld of "
                  "mishandeling melden of advies vragen? Bel dan Veilig Thuis: 0800-2000.")),
    ("meerdere", gettext_lazy("Meer dan één organisatie"),
     gettext_lazy("Of u wordt van de een naar de ander gestuurd.")),
    (WEET_NIET, gettext_lazy("Weet ik niet"), ""),
]
WIL = [
    ("klagen", gettext_lazy("Klagen over hoe het ging"),
     gettext_lazy("U bent niet tevreden over hoe u bent behandeld of geholpen.")),
    ("bezwaar", gettext_lazy("Bezwaar maken tegen een besluit"),
     gettext_lazy("U bent het niet eens met een besluit, bijvoorbeeld een afwijzing.")),
    ("hulp", gettext_lazy("Hulp of advies krijgen"),
     gettext_lazy("Iemand die met u meedenkt of met u meegaat.")),
    ("melden", gettext_lazy("Alleen melden wat er mis ging"),
     gettext_lazy("Zodat het in de toekomst beter gaat.")),
    ("meedenken", gettext_lazy("Meedenken over regels en beleid"),
     gettext_lazy("Niet over uw eigen situatie, maar voor iedereen.")),
    (WEET_NIET, gettext_lazy("Weet ik niet"), ""),
]
EERDER = [
    ("nee", gettext_lazy("Nee, nog niet"), ""),
    ("antwoord", gettext_lazy("Ja, en ik ben het niet eens met het antwoord"), ""),
    ("geen-antwoord", gettext_lazy("Ja, maar ik kreeg geen antwoord"),
     gettext_lazy("Of niet op tijd.")),
    (WEET_NIET, gettext_lazy("Weet ik niet"), ""),
]


def _asks_wil(answers):
    return answers.get("over") != GEWELD


def _asks_wie(answers):
    return answers.get("over") not in ("gemeente", GEWELD) and answers.get("wil") not in (
        "meedenken",
    )


def _asks_eerder(answers):
    return answers.get("wil") in ("klagen", "bezwaar", WEET_NIET)


QUESTIONS = [
    Question("gemeente", gettext_lazy("In welke gemeente woont u?"),
             gettext_lazy("Niet elke regeling werkt in elke gemeente."), []),
    Question("over", gettext_lazy("Waar gaat het over?"), "", OVER),
    Question("wil", gettext_lazy("Wat wilt u?"), "", WIL, _asks_wil),
    Question("wie", gettext_lazy("Wie is erbij betrokken?"),
             gettext_lazy("Over wie gaat uw klacht of vraag?"), WIE, _asks_wie),
    Question("eerder", gettext_lazy("Heeft u hier al over geklaagd of bezwaar gemaakt?"),
             gettext_lazy("Bij de organisatie zelf of bij de gemeente."), EERDER, _asks_eerder),
]
BY_NAME = {question.name: question for question in QUESTIONS}


def _language():
    return "en" if translation.get_language() == "en" else "nl"


def _options(question):
    return _gemeente_options() if question.name == "gemeente" else question.options


@dataclass
class Advice:
    key: str
    reason: str
    role: str = "eerst"  # eerst, daarna, hulp, gedaan
    scheme: object = None
    page: object = None


@dataclass
class Outcome:
    advice: list = field(default_factory=list)
    melden_key: str = "signaleerpunt"
    deadline: bool = False  # a decision may be involved: say the 6-week objection term
    own_data: bool = True  # False for a municipality the directory has no data for

    @property
    def places(self):
        """Schemes to go to (help and advice alongside do not count as a place)."""
        return [item for item in self.advice if item.role != "gedaan"]


def _ombudsman_for(index, gemeente):
    """The second-line ombudsman that serves `gemeente` (regional first, else national)."""
    allowed = index.allowed(gemeente if gemeente in index.gemeenten else None)
    candidates = [
        s for s in index.schemes if s.soort == "ombudsman" and (allowed is None or s.idx in allowed)
    ]
    regional = lambda s: s.bereik == "lijst"  # noqa: E731
    if gemeente not in index.gemeenten:
        candidates = [s for s in candidates if not regional(s)] or candidates
    candidates.sort(key=lambda s: (not regional(s), s.title))
    return candidates[0].key if candidates else "signaleerpunt"


def advise(answers, index):
    """The schemes for the answers, with the reason, in the order a resident should go."""
    over = answers.get("over")
    wie = answers.get("wie")
    wil = answers.get("wil")
    eerder = answers.get("eerder")
    gemeente = answers.get("gemeente")
    done = eerder in ("antwoord", "geen-antwoord")
    items = []

    def add(key, reason, role="eerst"):
        if key not in {item.key for item in items}:
            items.append(Advice(key, reason, role))

    if over == GEWELD:
        # Safety first: help, never complaint schemes (the crisis box stands above this).
        add("sociaal-wijkteam", _("Het sociaal wijkteam helpt ook bij geweld of een onveilige "
                                  "situatie thuis, samen met Veilig Thuis."), "hulp")
        add("signaleerpunt", _("Komt de hulp niet op gang, of wordt u van het kastje naar de "
                               "muur gestuurd? Dan helpt het SignaLeerpunt."), "hulp")
    elif wil == "meedenken":
        add("participatieraad", _("De Participatieraad geeft de gemeente advies over regels en "
                                  "beleid. U kunt uw ervaring daar inbrengen."))
    elif wil == "melden":
        add("signaleerpunt", _("Het SignaLeerpunt verzamelt wat er misgaat en zorgt dat de "
                               "gemeente ervan leert. U kunt ook zonder naam melden."))
    elif wil == "hulp":
        if over == "jeugd":
            add("vertrouwenspersoon-jeugd", _("Een vertrouwenspersoon jeugdhulp geeft gratis "
                                              "advies en helpt u bij een klacht."), "hulp")
        if over == "wmo":
            add("vertrouwenspersoon-wmo", _("Een vertrouwenspersoon helpt u als u ondersteuning "
                                            "krijgt en er iets niet goed gaat."), "hulp")
        if over == "schulden":
            add("schuldhulpverlening", _("De gemeente helpt bij schulden. Lukt het niet om die "
                                         "hulp te krijgen? Dan kunt u dat hier aankaarten."))
        if over in ("werk-inkomen", "schulden", "gemeente"):
            add("sociaal-raadslieden", _("Sociaal raadslieden geven gratis advies over "
                                         "regels, formulieren en geldzaken."), "hulp")
        add("clientondersteuning", _("Een onafhankelijke cliëntondersteuner denkt gratis met "
                                     "u mee en kan met u meegaan naar gesprekken."), "hulp")
        add("sociaal-wijkteam", _("Het sociaal wijkteam is het eerste loket voor vragen over "
                                  "zorg, ondersteuning, werk en inkomen."), "hulp")
    elif wil == "bezwaar" and over != "zorg":
        if eerder == "antwoord":
            add("bezwaar", _("U heeft al bezwaar gemaakt en een beslissing op bezwaar "
                             "gekregen."), "gedaan")
            add("beroep-rechtbank", _("Bent u het niet eens met de beslissing op uw bezwaar? "
                                      "Dan kunt u in beroep gaan bij de rechtbank."))
        else:
            add("bezwaar", _("U bent het niet eens met een besluit van de gemeente. Daartegen "
                             "maakt u bezwaar, binnen 6 weken na het besluit."))
            if eerder == "geen-antwoord":
                add("nationale-ombudsman" if gemeente != "anders" else "signaleerpunt",
                    _("Krijgt u geen antwoord op uw bezwaar? Dan kunt u daarover klagen."),
                    "daarna")
        add("beroep-rechtbank", _("Bent u het daarna nog niet eens met de beslissing op "
                                  "bezwaar? Dan kunt u naar de rechtbank."), "daarna")
        add("sociaal-raadslieden", _("Hulp bij het schrijven van een bezwaar: gratis bij de "
                                     "sociaal raadslieden."), "hulp")
    else:
        # Complaining, or "weet ik niet": who is it about?
        if wie == "veilig-thuis":
            add("klacht-veilig-thuis", _("U wilt klagen over hoe Veilig Thuis handelde. Veilig "
                                         "Thuis heeft een eigen klachtencommissie."))
            add("vertrouwenspersoon-jeugd", _("Een vertrouwenspersoon kan u gratis helpen bij "
                                              "uw klacht."), "hulp")
        elif wie == "meerdere":
            add("signaleerpunt", _("Gaat het om meer dan één organisatie, of wordt u van het "
                                   "kastje naar de muur gestuurd? Dan pakt het SignaLeerpunt "
                                   "het op."))
        elif wie == "gemeente" or over in ("gemeente", "werk-inkomen"):
            first = _("Klaag eerst bij de gemeente zelf. Zij moet binnen 6 weken antwoorden.")
            second = _("Bent u niet tevreden over hoe de gemeente uw klacht afhandelde? Dan "
                       "kunt u naar de ombudsman.")
            if done:
                add("klacht-gemeente", first, "gedaan")
                add(_ombudsman_for(index, gemeente), second)
            else:
                add("klacht-gemeente", first)
                add(_ombudsman_for(index, gemeente), second, "daarna")
        elif over == "zorg":
            first = _("Klaag eerst bij de zorgaanbieder. De klachtenfunctionaris helpt u.")
            second = _("Lost het antwoord uw klacht niet op? Dan kan de geschilleninstantie "
                       "een bindende uitspraak doen.")
            if done:
                add("klacht-zorgaanbieder", first, "gedaan")
                add("geschilleninstantie-zorg", second)
            else:
                add("klacht-zorgaanbieder", first)
                add("geschilleninstantie-zorg", second, "daarna")
        elif over == "jeugd":
            add("klacht-jeugdhulpaanbieder", _("Elke jeugdhulpaanbieder heeft een eigen "
                                               "klachtenregeling."),
                "gedaan" if done else "eerst")
            add("vertrouwenspersoon-jeugd", _("Een vertrouwenspersoon jeugdhulp helpt u gratis "
                                              "bij uw klacht."), "hulp")
            if done:
                add("signaleerpunt", _("Bent u niet tevreden over de afhandeling? Het "
                                       "SignaLeerpunt kijkt met u wat er nog kan."))
        elif over == "wmo":
            add("klacht-wmo-aanbieder", _("Klaag eerst bij de aanbieder die uw ondersteuning "
                                          "geeft. Elke aanbieder heeft een klachtenregeling."),
                "gedaan" if done else "eerst")
            add("vertrouwenspersoon-wmo", _("Een vertrouwenspersoon helpt u gratis bij uw "
                                            "klacht."), "hulp")
            if done:
                add("klacht-gemeente", _("De gemeente koopt de ondersteuning in. Lost de "
                                         "aanbieder het niet op? Dan kunt u klagen bij de "
                                         "gemeente."))
        elif over == "schulden":
            add("schuldhulpverlening", _("Krijgt u geen of te laat hulp bij schulden? Kaart "
                                         "dat eerst aan bij de gemeente."))
            add("bezwaar", _("Is uw aanvraag voor schuldhulp afgewezen? Dat is een besluit: u "
                             "kunt bezwaar maken."), "daarna")
        if not items or wil == WEET_NIET or over == WEET_NIET:
            add("signaleerpunt", _("Weet u niet precies waar u terecht kunt? Het SignaLeerpunt "
                                   "luistert en stuurt u in één keer naar de juiste plek."))
    if "signaleerpunt" not in {item.key for item in items}:
        add("signaleerpunt", _("Twijfelt u, of lukt het niet? Het SignaLeerpunt helpt u "
                               "verder."), "hulp")
    # Only schemes that are live and serve the municipality.
    allowed = index.allowed(gemeente if gemeente in index.gemeenten else None)
    outcome = Outcome()
    for item in items:
        scheme = index.by_key.get(item.key)
        if scheme is None or (allowed is not None and scheme.idx not in allowed):
            continue
        item.scheme = scheme
        outcome.advice.append(item)
    order = {"eerst": 0, "daarna": 1, "hulp": 2, "gedaan": 3}
    outcome.advice.sort(key=lambda item: order.get(item.role, 9))
    main = [a for a in outcome.advice if a.role == "eerst"] or outcome.advice
    if main:
        outcome.melden_key = main[0].key
    # "Weet ik niet" may hide a decision (too few hours of help, a refusal): say the term too.
    outcome.deadline = (
        wil in ("bezwaar", WEET_NIET) or over == WEET_NIET
        or any(item.key in DECISION_KEYS for item in outcome.advice)
    )
    outcome.own_data = _has_own_data(index, gemeente)
    return outcome


def _has_own_data(index, gemeente):
    """Whether the directory has schemes of the municipality itself (not only national ones)."""
    if gemeente in (None, WEET_NIET):
        return True
    if gemeente not in index.gemeenten:
        return False
    allowed = index.allowed(gemeente)
    return allowed is None or any(not index.schemes[i].landelijk for i in allowed)


def _answers(params):
    answers = {}
    for question in QUESTIONS:
        value = params.get(question.name, "")
        if value and question.valid(value, _options(question) if value else None):
            answers[question.name] = value
    return answers


def _applies(question, answers):
    return question.applies is None or question.applies(answers)


def _url(answers, **extra):
    params = {name: answers[name] for name in BY_NAME if name in answers}
    params.update(extra)
    return "?" + urlencode(params)


def _active(answers):
    return {
        name: value for name, value in answers.items() if _applies(BY_NAME[name], answers)
    }


def is_safety(answers):
    return answers.get("over") == GEWELD


@csrf_exempt  # a question, not a change: nothing is stored (posted only to keep the URL clean)
@require_http_methods(["GET", "HEAD", "POST"])
def vinden(request):
    language = _language()
    index = get_index(language)
    params = request.POST if request.method == "POST" else request.GET
    answers = _answers(params)
    if request.method == "POST" and not is_safety(answers):
        # Only the safety answer stays out of the address; the rest is the usual GET.
        extra = {"stap": params.get("stap", "")} if params.get("stap") in BY_NAME else {}
        if "verder" in params:
            extra["verder"] = "1"
        return HttpResponseRedirect(request.path + _url(answers, **extra), status=303)
    step = params.get("stap", "")
    submitted = "verder" in params
    error = ""
    current = None
    if step in BY_NAME and _applies(BY_NAME[step], answers):
        if submitted and step in answers:
            current = None
        else:
            current = BY_NAME[step]
            if submitted:
                error = _("Kies een antwoord. Weet u het niet? Kies dan ‘Weet ik niet’.")
    if current is None:
        current = next(
            (q for q in QUESTIONS if _applies(q, answers) and q.name not in answers), None
        )
    answers = _active(answers)
    steps = [q for q in QUESTIONS if _applies(q, answers)]
    context = {"answers": answers, "error": error, "start_url": request.path}
    if current is not None:
        position = steps.index(current) if current in steps else 0
        previous = steps[position - 1] if position > 0 else None
        others = {k: v for k, v in answers.items() if k != current.name}
        context.update({
            "question": current,
            "options": _options(current),
            "selected": answers.get(current.name, ""),
            "hidden": others.items(),
            "number": position + 1,
            "total": len(steps),
            "back_url": _url(answers, stap=previous.name) if previous else "",
        })
        return TemplateResponse(request, "search/vinden_vraag.html", context,
                                status=400 if error else 200)
    outcome = advise(answers, index)
    known = answers.get("gemeente") if answers.get("gemeente") in index.gemeenten else None
    _attach_pages(outcome, language, known)
    if is_safety(answers):
        return _safety_outcome(request, context, outcome, index, language)
    summary = []
    for question in steps:
        labels = dict((value, label) for value, label, _hint in _options(question))
        summary.append({
            "question": question.text,
            "answer": labels.get(answers.get(question.name), ""),
            "change_url": _url(answers, stap=question.name),
        })
    prefix = "" if language == "nl" else f"/{language}"
    context.update(_related_cases(answers, outcome))
    context.update({
        "outcome": outcome,
        "summary": summary,
        "melden_url": f"{prefix}/melden/?regeling={outcome.melden_key}",
        "share_url": request.build_absolute_uri(request.path + _url(answers)),
    })
    return TemplateResponse(request, "search/vinden_uitkomst.html", context)


def _safety_outcome(request, context, outcome, index, language):
    """Crisis help first; no answers in links, no share address, a neutral title."""
    from . import crisis

    crisis.count([SAFETY_COUNT], "vinden")
    prefix = "" if language == "nl" else f"/{language}"
    complaint = index.by_key.get("klacht-veilig-thuis")
    context.update({
        "outcome": outcome, "safety": True, "crisis": crisis.box(language),
        "melden_url": f"{prefix}/melden/", "summary": [],
        "klacht_veilig_thuis_url": complaint.url if complaint else "",
    })
    return TemplateResponse(request, "search/vinden_uitkomst.html", context)


SAFETY_COUNT = "(vinden) geweld of onveilige situatie thuis"


def _related_cases(answers, outcome):
    """Case stories for the outcome: the domain the resident chose, else the domains of the
    schemes to go to first."""
    from casussen import related

    over = answers.get("over")
    if over and over != WEET_NIET:
        domains = {over}
    else:
        main = [a for a in outcome.advice if a.role == "eerst"] or outcome.advice
        domains = set().union(*(a.scheme.domains for a in main if a.scheme))
    return related.context(domains)


def _attach_pages(outcome, language, gemeente=None):
    """The scheme pages (steps to take, escalation ladder) in two queries; the ladder keeps
    only the next steps that serve `gemeente` (when it is a known municipality)."""
    from verwijsgids.models import Regeling, RegelingVolgendeStap

    ids = [item.scheme.page_id for item in outcome.advice if item.scheme]
    pages = {page.pk: page for page in Regeling.objects.filter(pk__in=ids)}
    ladder = {}
    for step in (
        RegelingVolgendeStap.objects.filter(regeling_id__in=ids)
        .select_related("doel").order_by("sort_order")
    ):
        if gemeente and not step.doel.bedient(gemeente):
            continue
        ladder.setdefault(step.regeling_id, []).append(step)
    for item in outcome.advice:
        page = pages.get(item.scheme.page_id)
        if page is not None:
            page.ladder = ladder.get(page.pk, [])
        item.page = page
