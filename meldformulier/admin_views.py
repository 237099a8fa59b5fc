"""Handling meldingen in the Wagtail admin (only for the group "SignaLeerpunt medewerkers").

Every view of a melding, every attachment download, export and change is written to the
audit log (``Inzage``). Editors without the permissions get a 403 and no menu item.
"""

import csv
from datetime import datetime, time, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import services, storage
from .forms import BehandelForm, FilterForm, NotitieForm
from .models import CLOSED_STATUSES, Bijlage, Inzage, Melding, Notitie, Status

PAGE_SIZE = 50


def staff_permission(codename):
    def decorator(view):
        @wraps(view)
        @never_cache
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(f"meldformulier.{codename}"):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return forbidden(request)

        return wrapped

    return decorator


def forbidden(request):
    return TemplateResponse(request, "meldformulier/admin/forbidden.html", {
        "header_title": _("Geen toegang"), "header_icon": "lock",
    }, status=403)


def _breadcrumbs(*items):
    return [{"url": reverse("wagtailadmin_home"), "label": _("Dashboard")}] + [
        {"url": url, "label": label} for label, url in items
    ]


def _aware(day, end=False):
    moment = datetime.combine(day + timedelta(days=1) if end else day, time.min)
    return timezone.make_aware(moment)


def filtered_queryset(form):
    queryset = Melding.objects.select_related("domain", "assignee")
    if not form.is_valid():
        return queryset.none()
    data = form.cleaned_data
    if data["q"]:
        queryset = queryset.filter(reference__icontains=data["q"].strip())
    if data["status"]:
        queryset = queryset.filter(status=data["status"])
    if data["kind"]:
        queryset = queryset.filter(kind=data["kind"])
    if data["domain"]:
        queryset = queryset.filter(domain=data["domain"])
    if data["organisation"]:
        queryset = queryset.filter(organisation_filter(data["organisation"].strip()))
    if data["van"]:
        queryset = queryset.filter(created_at__gte=_aware(data["van"]))
    if data["tot"]:
        queryset = queryset.filter(created_at__lt=_aware(data["tot"], end=True))
    return queryset


MAX_MATCHED_KEYS = 200


def organisation_filter(term):
    """Meldingen about `term`: in the free text, or a chosen (or referred-to) scheme whose
    key, title (any language) or organisation name contains it."""
    from django.db.models import Q

    from verwijsgids.models import Regeling

    keys = list(
        Regeling.objects.filter(
            Q(key__icontains=term) | Q(title__icontains=term)
            | Q(organisatie__name__icontains=term)
        ).order_by("key").values_list("key", flat=True).distinct()[:MAX_MATCHED_KEYS]
    )
    # The free text is encrypted: compare it decrypted, in Python.
    needle = term.casefold()
    free_text = [pk for pk, text in Melding.objects.values_list("pk", "organisations")
                 if needle in (text or "").casefold()]
    condition = (
        Q(pk__in=free_text) | Q(doorverwezen_naar__icontains=term)
        | Q(doorverwezen_naar__in=keys)
    )
    if services.valid_key(term.lower()):
        # A key that is no longer in the directory is still found by (part of) its key.
        condition |= Q(regeling_keys__icontains=term.lower())
    for key in keys:
        # The stored JSON list holds each key in double quotes: an exact match per key.
        condition |= Q(regeling_keys__icontains=f'"{key}"')
    return condition


def scheme_labels(meldingen):
    """{key: "Organisation: title"} for the schemes chosen in these meldingen (one query)."""
    keys = {key for melding in meldingen for key in melding.regeling_keys or []}
    return {key: str(keuze) for key, keuze in services.describe_regelingen(keys).items()}


def attach_schemes(meldingen):
    """Give each melding `schemes`: [(key, label)] in the order the resident chose them."""
    meldingen = list(meldingen)
    labels = scheme_labels(meldingen)
    for melding in meldingen:
        melding.schemes = [
            (key, labels.get(key, "")) for key in melding.regeling_keys or []
            if isinstance(key, str)
        ]
    return meldingen


@staff_permission("view_melding")
def index(request):
    form = FilterForm(request.GET or None)
    queryset = filtered_queryset(form) if request.GET else Melding.objects.select_related(
        "domain", "assignee"
    )
    paginator = Paginator(queryset.order_by("-created_at"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("p"))
    page.object_list = attach_schemes(page.object_list)
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(request, "meldformulier/admin/index.html", {
        "header_title": _("Meldingen"), "header_icon": "mail",
        "breadcrumbs_items": _breadcrumbs((_("Meldingen"), "")),
        "form": form, "page_obj": page, "count": paginator.count, "query": query.urlencode(),
        "can_export": request.user.has_perm("meldformulier.export_melding"),
    })


@staff_permission("export_melding")
def export(request):
    """CSV of the (filtered) list, without personal data; logged per melding."""
    form = FilterForm(request.GET or None)
    queryset = filtered_queryset(form) if request.GET else Melding.objects.all()
    queryset = queryset.select_related("domain").order_by("created_at")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meldingen.csv"'
    writer = csv.writer(response)
    writer.writerow([
        "referentie", "ontvangen", "soort", "domein", "organisaties", "regelingen", "status",
        "doorverwezen_naar", "afgesloten", "uitkomst", "paarse_krokodil",
    ])
    logs = []
    for melding in queryset.iterator(chunk_size=500):
        writer.writerow([
            melding.reference, timezone.localtime(melding.created_at).isoformat(),
            melding.kind, melding.domain.key if melding.domain_id else "",
            _csv_safe(melding.organisations),
            " ".join(key for key in melding.regeling_keys or [] if services.valid_key(key)),
            melding.status,
            melding.doorverwezen_naar,
            timezone.localtime(melding.closed_at).isoformat() if melding.closed_at else "",
            melding.uitkomst, "ja" if melding.paarse_krokodil else "nee",
        ])
        logs.append(Inzage(
            user=request.user, username=request.user.get_username(),
            action=Inzage.Actie.EXPORT, reference=melding.reference, detail="csv-export",
        ))
    Inzage.objects.bulk_create(logs, batch_size=500)
    return response


def _csv_safe(value):
    """Stop spreadsheet formula injection: a cell never starts with = + - @."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


@staff_permission("view_melding")
def nabellen(request):
    """Daily overview: referrals to call back today or earlier, still open."""
    today = timezone.localdate()
    due = (
        Melding.objects.filter(follow_up_on__isnull=False, follow_up_on__lte=today)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("domain", "assignee").order_by("follow_up_on", "created_at")
    )
    upcoming = (
        Melding.objects.filter(follow_up_on__gt=today, follow_up_on__lte=today + timedelta(days=7))
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("domain", "assignee").order_by("follow_up_on")
    )
    return TemplateResponse(request, "meldformulier/admin/nabellen.html", {
        "header_title": _("Nabellen"), "header_icon": "date",
        "breadcrumbs_items": _breadcrumbs(
            (_("Meldingen"), reverse("meldformulier_admin:index")), (_("Nabellen"), "")
        ),
        "due": due, "upcoming": upcoming, "today": today,
    })


def describe_changes(before, after):
    labels = {
        "status": _("Status"), "assignee": _("Behandelaar"),
        "doorverwezen_naar": _("Doorverwezen naar"), "follow_up_on": _("Nabellen op"),
        "uitkomst": _("Uitkomst"), "paarse_krokodil": _("Paarse krokodil"),
        "themes": _("Thema's"),
    }
    parts = []
    for key, label in labels.items():
        if before.get(key) != after.get(key):
            parts.append(f"{label}: {before.get(key) or '—'} → {after.get(key) or '—'}")
    return "; ".join(parts)


def _snapshot(melding):
    return {
        "status": melding.get_status_display(),
        "assignee": melding.assignee.get_username() if melding.assignee_id else "",
        "doorverwezen_naar": melding.doorverwezen_naar,
        "follow_up_on": melding.follow_up_on.isoformat() if melding.follow_up_on else "",
        "uitkomst": melding.get_uitkomst_display() if melding.uitkomst else "",
        "paarse_krokodil": _("ja") if melding.paarse_krokodil else "",
        "themes": ", ".join(sorted(t.key for t in melding.themes.all())),
    }


def apply_handling(melding, data, user):
    """Store the staff's handling; record what changed in the timeline and the audit log."""
    before = _snapshot(melding)
    now = timezone.now()
    old_status = melding.status
    melding.status = data["status"]
    melding.assignee = data["assignee"]
    melding.doorverwezen_naar = data["doorverwezen_naar"] or ""
    melding.follow_up_on = data["follow_up_on"]
    melding.uitkomst = data["uitkomst"] or ""
    melding.paarse_krokodil = data["paarse_krokodil"]
    if melding.status == Status.DOORVERWEZEN and old_status != Status.DOORVERWEZEN:
        melding.referred_at = now
        if not melding.follow_up_on:
            melding.follow_up_on = timezone.localdate() + timedelta(
                days=settings.MELDINGEN_NABELLEN_DAGEN
            )
    if melding.status in CLOSED_STATUSES:
        melding.closed_at = melding.closed_at or now
    else:
        melding.closed_at = None
    with transaction.atomic():
        melding.save()
        melding.themes.set(data["themes"])
        change = describe_changes(before, _snapshot(melding))
        if change:
            Notitie.objects.create(
                melding=melding, author=user, kind=Notitie.Soort.WIJZIGING, text=change
            )
            Inzage.log(user, Inzage.Actie.GEWIJZIGD, melding.reference, change)
    return change


@staff_permission("view_melding")
def detail(request, pk):
    melding = get_object_or_404(
        Melding.objects.select_related("domain", "assignee"), pk=pk
    )
    can_change = request.user.has_perm("meldformulier.change_melding")
    can_note = request.user.has_perm("meldformulier.add_notitie")
    initial = {
        "status": melding.status, "assignee": melding.assignee,
        "doorverwezen_naar": melding.doorverwezen_naar, "follow_up_on": melding.follow_up_on,
        "uitkomst": melding.uitkomst, "themes": list(melding.themes.all()),
        "paarse_krokodil": melding.paarse_krokodil,
    }
    handling_form = BehandelForm(initial=initial)
    note_form = NotitieForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("actie")
        if action == "behandel":
            if not can_change:
                raise PermissionDenied
            handling_form = BehandelForm(request.POST)
            if handling_form.is_valid():
                apply_handling(melding, handling_form.cleaned_data, request.user)
                messages.success(request, _("De melding is bijgewerkt."))
                return redirect("meldformulier_admin:detail", pk=melding.pk)
            status = 400
        elif action == "notitie":
            if not can_note:
                raise PermissionDenied
            note_form = NotitieForm(request.POST)
            if note_form.is_valid():
                Notitie.objects.create(
                    melding=melding, author=request.user, text=note_form.cleaned_data["text"]
                )
                Inzage.log(request.user, Inzage.Actie.GEWIJZIGD, melding.reference, "notitie")
                messages.success(request, _("De notitie is toegevoegd."))
                return redirect("meldformulier_admin:detail", pk=melding.pk)
            status = 400
        else:
            return HttpResponse(status=400)
    Inzage.log(request.user, Inzage.Actie.BEKEKEN, melding.reference)
    attach_schemes([melding])
    return TemplateResponse(request, "meldformulier/admin/detail.html", {
        "header_title": melding.reference, "header_icon": "mail",
        "breadcrumbs_items": _breadcrumbs(
            (_("Meldingen"), reverse("meldformulier_admin:index")), (melding.reference, "")
        ),
        "melding": melding, "handling_form": handling_form, "note_form": note_form,
        "notities": melding.notities.select_related("author"),
        "bijlagen": melding.bijlagen.all(), "emails": melding.emails.all(),
        "can_change": can_change, "can_note": can_note,
        "can_download": request.user.has_perm("meldformulier.view_bijlage"),
    }, status=status)


@staff_permission("view_melding")
def download(request, pk, bijlage_pk):
    if not request.user.has_perm("meldformulier.view_bijlage"):
        raise PermissionDenied
    bijlage = get_object_or_404(Bijlage.objects.select_related("melding"), pk=bijlage_pk,
                                melding_id=pk)
    try:
        data = storage.read(bijlage.stored_name)
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    # The audit log names the attachment by number, never by its (personal) file name.
    Inzage.log(request.user, Inzage.Actie.BIJLAGE, bijlage.melding.reference,
               f"bijlage {bijlage.pk}")
    response = HttpResponse(data, content_type=bijlage.content_type)
    ascii_name = bijlage.filename.encode("ascii", "replace").decode().replace('"', "_")
    response["Content-Disposition"] = f'attachment; filename="{ascii_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
