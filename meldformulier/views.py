"""The public form at /melden/: question pages, check answers, confirmation.

Works without JavaScript: every step is a normal form post that redirects to the next step
(post/redirect/get). Answers in progress live in the session (database sessions), so the
page cache never serves these pages (it skips requests with a session cookie).
"""

import json
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from portal import mail_limits
from verwijsgids.models import Domein

from . import antispam, crypto, quota, services, storage
from .forms import (
    UNKNOWN_DOMAIN,
    BijlagenForm,
    ContactForm,
    ControleForm,
    EerderForm,
    NamensForm,
    OnderwerpForm,
    OrganisatiesForm,
    SoortForm,
    VerhaalForm,
)
from .models import Contactwijze, EerderGeklaagd, NamensWie, Soort, Toestemming
from .validation import ACCEPTED, MAX_FILE_SIZE, MAX_FILES, check_upload

logger = logging.getLogger(__name__)

SESSION_KEY = "meldformulier"
CONFIRMATION_KEY = "meldformulier_bevestiging"
STEPS = [
    ("soort", SoortForm),
    ("onderwerp", OnderwerpForm),
    ("organisaties", OrganisatiesForm),
    ("verhaal", VerhaalForm),
    ("eerder", EerderForm),
    ("namens", NamensForm),
    ("contact", ContactForm),
    ("bijlagen", BijlagenForm),
]
STEP_NAMES = [name for name, _form in STEPS]
FORMS = dict(STEPS)


# --- the answers in the session ------------------------------------------------------


def new_flow():
    # "regeling": the scheme from ?regeling= (ticked on the organisations step until that is
    # answered); "dropped": schemes just taken off because they did not fit the domain.
    return {"token": str(uuid.uuid4()), "steps": {}, "files": [], "regeling": "",
            "prefill_domain": "", "dropped": []}


SESSION_SECONDS = 24 * 3600


def load_flow(request):
    """The answers so far; encrypted in the session like the stored meldingen."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    try:
        flow = json.loads(crypto.decrypt_text(token))
    except (crypto.DecryptionError, ValueError, UnicodeError):
        return None
    if not isinstance(flow, dict) or "token" not in flow or "steps" not in flow:
        return None
    return flow


def get_flow(request, create=True):
    """The answers so far, or a new empty set (only stored in the session when `create`)."""
    flow = load_flow(request)
    if flow is None:
        if not create:
            return None
        flow = new_flow()
    return flow


def save_flow(request, flow):
    request.session[SESSION_KEY] = crypto.encrypt_text(json.dumps(flow))
    if not request.user.is_authenticated:
        # Unfinished answers are not kept long (AVG); staff sessions keep their own expiry.
        request.session.set_expiry(SESSION_SECONDS)


def first_incomplete(flow):
    for name in STEP_NAMES:
        if name not in flow["steps"]:
            return name
    return None


def step_url(name):
    if name == STEP_NAMES[0]:
        return reverse("meldformulier:start")
    return reverse("meldformulier:step", args=[name])


def apply_prefill(request, flow):
    """`?regeling=<key>` and `?domein=<key>` from the finder and the directory.

    The scheme is ticked on the organisations step; without `?domein=` a scheme that belongs
    to exactly one domain also chooses that domain. Unknown or malformed values are ignored.
    """
    regeling = request.GET.get("regeling", "").strip().lower()
    domein = request.GET.get("domein", "").strip().lower()
    keuze = None
    if services.valid_key(regeling):
        keuze = services.describe_regelingen([regeling]).get(regeling)
    if keuze:
        flow["regeling"] = keuze.key
        answered = flow["steps"].get("organisaties")
        if answered is not None and keuze.key not in answered.get("regelingen", []):
            answered["regelingen"] = [*answered.get("regelingen", []), keuze.key]
        if not domein and len(keuze.domain_keys) == 1:
            flow["prefill_domain"] = keuze.domain_keys[0]
    if domein and services.domain_exists(domein):
        flow["prefill_domain"] = domein
    if keuze:
        drop_unfitting_schemes(flow)
    if regeling or domein:
        save_flow(request, flow)


def chosen_domain(flow):
    """The domain key answered on the topic step, or None ("Weet ik niet", not answered)."""
    domain = flow["steps"].get("onderwerp", {}).get("domain")
    return None if not domain or domain == UNKNOWN_DOMAIN else domain


def drop_unfitting_schemes(flow):
    """Untick the schemes that do not belong to the chosen domain (it was changed, or the
    scheme from ?regeling= is of another domain). Returns True when one was taken off; the
    organisations step then says which ones ("dropped"), so nothing disappears silently.
    """
    if "onderwerp" not in flow["steps"]:
        return False
    answered = flow["steps"].get("organisaties")
    if answered is not None:
        keys = list(answered.get("regelingen") or [])
    else:
        keys = [flow["regeling"]] if flow.get("regeling") else []
    if not keys:
        return False
    fitting = {keuze.key for keuze in services.regeling_keuzes(chosen_domain(flow))}
    unfit = [key for key in keys if key not in fitting]
    if not unfit:
        return False
    described = services.describe_regelingen(unfit)
    flow["dropped"] = [str(described[key]) if key in described else key for key in unfit]
    if answered is not None:
        answered["regelingen"] = [key for key in keys if key in fitting]
    else:
        flow["regeling"] = ""
    return True


def collected_data(flow):
    data = {}
    for name in STEP_NAMES:
        data.update(flow["steps"].get(name, {}))
    if data.get("domain") == UNKNOWN_DOMAIN:
        data["domain"] = ""
    data["regeling_keys"] = [
        key for key in data.pop("regelingen", None) or [] if services.valid_key(key)
    ]
    return data


# --- question pages ------------------------------------------------------------------


def form_kwargs(name, flow):
    kwargs = {"flow": flow}
    if name == "organisaties":
        kwargs["keuzes"] = services.regeling_keuzes(chosen_domain(flow))
    return kwargs


def initial_for(name, flow):
    initial = dict(flow["steps"].get(name, {}))
    if name == "onderwerp" and "onderwerp" not in flow["steps"]:
        if flow.get("prefill_domain"):
            initial["domain"] = flow["prefill_domain"]
    if name == "organisaties" and "organisaties" not in flow["steps"]:
        initial["regelingen"] = [flow["regeling"]] if flow.get("regeling") else []
        # Sessions from before this step had the free text on the topic step.
        initial["organisations"] = flow["steps"].get("onderwerp", {}).get("organisations", "")
    return initial


def error_summary(form):
    """(message, anchor) for every error, in the order of the fields (GOV.UK summary)."""
    items = []
    for field in form:
        anchor = field.auto_id
        if field.widget_type in ("radioselect", "checkboxselectmultiple"):
            anchor = f"{field.auto_id}_0"
        for message in field.errors:
            items.append({"message": message, "anchor": anchor})
    for message in form.non_field_errors():
        items.append({"message": message, "anchor": "inhoud"})
    return items


def crisis_box(request, flow):
    """The crisis box when the resident's own words spoke of danger (see `note_crisis`)."""
    if not flow or not flow.get("crisis"):
        return None
    from search import crisis

    return crisis.box(getattr(request, "LANGUAGE_CODE", "nl"))


def note_crisis(flow, data):
    """After the story step: do the resident's words speak of danger? Counted once."""
    from search import crisis

    text = f"{data.get('description', '')}\n{data.get('wish', '')}"
    found = crisis.detect(text)
    if found and not flow.get("crisis"):
        crisis.count(found, "melden")
    flow["crisis"] = bool(found)


def render_step(request, name, form, flow, status=200, dropped=()):
    index = STEP_NAMES.index(name)
    previous = step_url(STEP_NAMES[index - 1]) if index else None
    if not previous:
        previous = None
    return TemplateResponse(request, "meldformulier/step.html", {
        "dropped": dropped, "topic_url": step_url("onderwerp"),
        "form": form, "step": name, "step_number": index + 1, "step_count": len(STEPS) + 1,
        "previous_url": previous, "flow": flow, "error_list": error_summary(form),
        "files": flow.get("files", []), "max_files": MAX_FILES,
        "all_complete": first_incomplete(flow) is None, "crisis": crisis_box(request, flow),
    }, status=status)


@csrf_exempt  # CSRF is checked below, after the upload size limit is in place
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step_view(request, step=STEP_NAMES[0]):
    if step not in FORMS:
        raise Http404
    if step == "bijlagen" and request.method == "POST":
        return bijlagen_post(request)
    return _step_view(request, step)


@csrf_protect
def _step_view(request, step):
    flow = get_flow(request)
    if request.method != "POST" and step == STEP_NAMES[0]:
        apply_prefill(request, flow)
    missing = first_incomplete(flow)
    if missing is not None and STEP_NAMES.index(missing) < STEP_NAMES.index(step):
        return HttpResponseRedirect(step_url(missing))
    form_class = FORMS[step]
    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs(step, flow))
        if form.is_valid():
            previous_domain = flow["steps"].get("onderwerp", {}).get("domain")
            flow["steps"][step] = form.stored_data()
            if step == "verhaal":
                note_crisis(flow, flow["steps"][step])
            if step == "organisaties":
                flow["dropped"] = []
            if step == "onderwerp":
                dropped = drop_unfitting_schemes(flow)
                changed = previous_domain not in (None, flow["steps"][step]["domain"])
                if dropped or (changed and "organisaties" in flow["steps"]):
                    # Another domain offers other schemes: ask again (and say what was
                    # taken off) before going on.
                    save_flow(request, flow)
                    return HttpResponseRedirect(step_url("organisaties"))
            save_flow(request, flow)
            return HttpResponseRedirect(next_url(flow, step))
        return render_step(request, step, form, flow, status=400)
    form = form_class(initial=initial_for(step, flow), **form_kwargs(step, flow))
    dropped = ()
    if step == "organisaties" and flow.get("dropped"):
        dropped = flow["dropped"]
        flow["dropped"] = []  # said once
        save_flow(request, flow)
    return render_step(request, step, form, flow, dropped=dropped)


def next_url(flow, step):
    missing = first_incomplete(flow)
    if missing is None:
        return reverse("meldformulier:check")
    index = STEP_NAMES.index(step)
    return step_url(STEP_NAMES[min(index + 1, len(STEP_NAMES) - 1)])


class SizeLimitUploadHandler(FileUploadHandler):
    """Drops any uploaded file larger than 10 MB while it streams in (no disk filled)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_big = []
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_FILE_SIZE:
            self.too_big.append(self.file_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def bijlagen_post(request):
    handler = SizeLimitUploadHandler(request)
    request.upload_handlers.insert(0, handler)
    return _bijlagen_post(request, handler)


@csrf_protect
def _bijlagen_post(request, handler):
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

    try:
        post = request.POST
        uploads = request.FILES.getlist("files")
    except (RequestDataTooBig, TooManyFieldsSent):
        return TemplateResponse(request, "meldformulier/error.html", {
            "message": _("Wat u verstuurde is te groot. Stuur maximaal 3 bestanden van 10 MB.")
        }, status=413)
    flow = get_flow(request)
    missing = first_incomplete(flow)
    if missing is not None and STEP_NAMES.index(missing) < STEP_NAMES.index("bijlagen"):
        return HttpResponseRedirect(step_url(missing))
    remove = post.get("verwijder", "")
    if remove:
        kept = [item for item in flow["files"] if item["id"] != remove]
        if len(kept) != len(flow["files"]):
            storage.delete(remove)
        flow["files"] = kept
        save_flow(request, flow)
        return HttpResponseRedirect(step_url("bijlagen"))
    errors = []
    for name in handler.too_big:
        errors.append(_("Het bestand %(name)s is groter dan 10 MB. Kies een kleiner bestand.")
                      % {"name": name or "?"})
    uploads = [upload for upload in uploads if upload.name not in handler.too_big]
    if len(flow["files"]) + len(uploads) + len(handler.too_big) > MAX_FILES:
        errors.append(_("U kunt maximaal 3 bestanden meesturen. Kies minder bestanden."))
    checked = []
    if not errors:
        for upload in uploads:
            try:
                checked.append((upload, *check_upload(upload)))
            except ValidationError as exc:
                errors.extend(exc.messages)
    refused = None if errors else quota.refusal(request, [len(c[2]) for c in checked])
    if refused:
        errors.append(refused)
    if errors:
        form = BijlagenForm(data={}, **form_kwargs("bijlagen", flow))
        form.is_valid()
        for error in errors:
            form.add_error("files", error)
        return render_step(request, "bijlagen", form, flow, status=400)
    from .validation import safe_filename

    for upload, kind, data in checked:
        flow["files"].append({
            "id": storage.save(data), "name": safe_filename(upload.name, kind),
            "content_type": ACCEPTED[kind][0], "size": len(data),
        })
    flow["steps"]["bijlagen"] = {}
    save_flow(request, flow)
    if post.get("actie") == "toevoegen":
        return HttpResponseRedirect(step_url("bijlagen"))
    return HttpResponseRedirect(next_url(flow, "bijlagen"))


# --- check answers and submit ---------------------------------------------------------


def summary_rows(flow):
    data = collected_data(flow)
    domains = {d.key: d.label for d in Domein.objects.all()}
    rows = []

    def row(step, label, value):
        rows.append({"step": step, "label": label, "value": value, "url": step_url(step)})

    row("soort", _("Wat u meldt"), Soort(data["kind"]).label)
    domain = data.get("domain")
    row("onderwerp", _("Onderwerp"), domains.get(domain, _("Weet ik niet")) if domain else
        _("Weet ik niet"))
    keys = data["regeling_keys"]
    described = services.describe_regelingen(keys)
    row("organisaties", _("Gekozen organisaties"), "\n".join(
        str(described[key]) if key in described else key for key in keys
    ) or _("Geen gekozen"))
    row("organisaties", _("Andere organisatie"), data.get("organisations") or _("Niet ingevuld"))
    row("verhaal", _("Wat er is gebeurd"), data["description"])
    row("verhaal", _("Wat u graag wilt"), data.get("wish") or _("Niet ingevuld"))
    row("eerder", _("Al ergens geklaagd"), EerderGeklaagd(data["earlier_complaint"]).label)
    if data.get("earlier_complaint_result"):
        row("eerder", _("Wat daaruit kwam"), data["earlier_complaint_result"])
    row("namens", _("Voor wie"), NamensWie(data["on_behalf"]).label)
    if data["on_behalf"] == NamensWie.ANDER and data.get("toestemming") in Toestemming.values:
        row("namens", _("Toestemming"), Toestemming(data["toestemming"]).label)
        if data["toestemming"] == Toestemming.KAN_NIET:
            row("namens", _("Waarom geen toestemming"), data.get("toestemming_reden") or "")
    row("contact", _("Contact"), Contactwijze(data["contact"]).label)
    if data["contact"] != Contactwijze.ANONIEM:
        row("contact", _("Naam"), data.get("name") or _("Niet ingevuld"))
        row("contact", _("E-mailadres"), data.get("email") or _("Niet ingevuld"))
        row("contact", _("Telefoonnummer"), data.get("phone") or _("Niet ingevuld"))
        row("contact", _("Bereikbaar"), data.get("reachable_when") or _("Niet ingevuld"))
        labels = {"ja": _("Ja"), "nee": _("Nee")}
        for key, label in (("veilig_bellen", _("Veilig om te bellen")),
                           ("veilig_inspreken", _("Bericht inspreken")),
                           ("veilig_mailen", _("Veilig om te e-mailen"))):
            row("contact", label, labels.get(data.get(key), _("Niet ingevuld")))
    files = ", ".join(item["name"] for item in flow["files"]) or _("Geen bestanden")
    row("bijlagen", _("Bestanden"), files)
    return rows


def render_check(request, flow, form=None, status=200, errors=None):
    return TemplateResponse(request, "meldformulier/check.html", {
        "rows": summary_rows(flow), "token": flow["token"], "form": form,
        "step_number": len(STEPS) + 1,
        "errors": errors or [], "altcha": antispam.altcha_enabled(),
        "previous_url": step_url(STEP_NAMES[-1]), "crisis": crisis_box(request, flow),
    }, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def check_view(request):
    if request.method == "POST":
        return submit(request)
    flow = get_flow(request, create=False)
    if flow is None:
        return HttpResponseRedirect(step_url(STEP_NAMES[0]))
    missing = first_incomplete(flow)
    if missing:
        return HttpResponseRedirect(step_url(missing))
    return render_check(request, flow)


def confirm(request, melding):
    flow = load_flow(request)
    request.session[CONFIRMATION_KEY] = {
        "reference": melding.reference,
        "email": melding.may_email,
        "anonymous": melding.is_anonymous,
        "crisis": bool(flow and flow.get("crisis")),
    }
    if flow is not None and flow.get("token") == str(melding.idempotency_token):
        del request.session[SESSION_KEY]
    return HttpResponseRedirect(reverse("meldformulier:confirmation"), status=303)


def submit(request):
    form = ControleForm(request.POST)
    token = None
    if form.is_valid():
        token = form.cleaned_data["token"]
        # A double click or a replayed post: show the confirmation of the melding it made.
        existing = services.Melding.objects.filter(idempotency_token=token).first()
        if existing:
            return confirm(request, existing)
    flow = get_flow(request, create=False)
    if flow is None or first_incomplete(flow) is not None:
        return TemplateResponse(request, "meldformulier/error.html", {
            "message": _("Uw antwoorden zijn niet meer bewaard (de sessie is verlopen). "
                         "Begin opnieuw; dat spijt ons."),
            "restart": True,
        }, status=400)
    if token is None or str(token) != flow["token"]:
        return render_check(request, flow, form, status=400, errors=[
            _("Het formulier was verlopen. Controleer uw antwoorden en verstuur opnieuw.")
        ])
    if form.cleaned_data.get("website"):
        return render_check(request, flow, form, status=400, errors=[
            _("Uw melding is niet verstuurd. Laat het veld ‘Laat dit veld leeg’ leeg.")
        ])
    if antispam.altcha_enabled() and not antispam.verify_altcha(form.cleaned_data["altcha"]):
        return render_check(request, flow, form, status=400, errors=[
            _("De controle tegen spam is niet gelukt. Wacht een paar seconden en probeer het "
              "opnieuw. Lukt het niet? Bel of mail ons.")
        ])
    if not services.take_submission_slot(request):
        return TemplateResponse(request, "meldformulier/error.html", {
            "message": _("U heeft in korte tijd veel meldingen gedaan. Probeer het over een uur "
                         "opnieuw, of bel of mail ons."),
        }, status=429)
    data = collected_data(flow)
    # Files must still be there (the session may be older than the clean-up of loose files).
    files = [item for item in flow["files"] if storage.exists(item["id"])]
    try:
        melding, created = services.create_melding(
            data, files, token, language=getattr(request, "LANGUAGE_CODE", "nl"),
            # A typed address gets at most a few confirmations a day (portal/mail_limits).
            confirm=not data.get("email") or mail_limits.may_mail(request, data["email"]),
        )
    except DatabaseError:
        services.give_back_submission_slot(request)
        logger.exception("Melding kon niet worden opgeslagen")
        # The answers stay in the session: the resident can simply send again.
        return TemplateResponse(request, "meldformulier/error.html", {
            "message": _("Uw melding kon op dit moment niet worden opgeslagen. Uw antwoorden "
                         "zijn bewaard: ga terug naar de vorige pagina en verstuur opnieuw."),
            "retry_url": reverse("meldformulier:check"),
        }, status=503)
    if not created:
        services.give_back_submission_slot(request)
    return confirm(request, melding)


@never_cache
def confirmation_view(request):
    info = request.session.get(CONFIRMATION_KEY)
    if not isinstance(info, dict):
        return HttpResponseRedirect(step_url(STEP_NAMES[0]))
    from search import crisis

    language = getattr(request, "LANGUAGE_CODE", "nl")
    return TemplateResponse(request, "meldformulier/confirmation.html", {
        "info": info, "werkdagen": settings.MELDINGEN_REACTIETERMIJN_WERKDAGEN,
        "crisis": crisis.box(language) if info.get("crisis") else None,
        "crisis_help": crisis.box(language),
    })


@never_cache
def altcha_challenge(request):
    if not antispam.altcha_enabled():
        raise Http404
    return JsonResponse(antispam.new_challenge())


def csrf_failure(request, reason=""):
    return TemplateResponse(request, "meldformulier/csrf_failure.html", {}, status=403)
