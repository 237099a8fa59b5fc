"""The gate every case story passes to go live: a `Casus` (any locale) is live only when
exactly its public content is a revision that a second person approved in the Privacytoets.

- `content_is_approved(page)`: the page's public content equals an approved revision of
  that same page (a copy, alias or translation is a new page: it has no approval yet).
- `Casus.save` and `Casus.publish` call it, so every path that makes a case live passes
  here: publish, create-and-publish, copy, alias, move, revert, scheduled publishing,
  wagtail-localize sync and translation editor, the API and the shell. A refused save
  keeps the page as a draft; a refused publish keeps the revision (nothing is lost).
- `approved_q()` / `hide_unapproved(pages)`: public querysets show only live cases whose
  live revision was approved (defence against raw updates that skip `save`).
- Refusals in a request become one Dutch message (`RefusalMessagesMiddleware`).
"""

import contextvars
import hashlib
import logging

from django.contrib import messages
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("casussen.gate")

# Fields whose content the public sees; the scan covers the text fields among them.
EXTRA_PUBLIC_FIELDS = ["slug", "quarter", "year", "outcome"]
# A save touching one of these on a live case is checked.
STATE_FIELDS = {"live", "live_revision", "alias_of", "approved_digest"}

_refusals = contextvars.ContextVar("casussen_gate_refusals", default=None)


def public_fields():
    from . import guard

    return list(dict.fromkeys([*guard.TEXT_FIELDS, *EXTRA_PUBLIC_FIELDS]))


def fingerprint(source):
    """The public content of a page object or of a revision's content dict."""
    get = source.get if isinstance(source, dict) else (lambda name: getattr(source, name, ""))
    return tuple(str(get(name) or "") for name in public_fields())


def digest(page):
    return hashlib.sha256(repr(fingerprint(page)).encode()).hexdigest()


def approved_task_states():
    """Privacytoets task states approved by someone other than the submitter."""
    from wagtail.models import TaskState

    from .models import PrivacytoetsTask

    return TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED, finished_by__isnull=False,
        task__in=PrivacytoetsTask.objects.values("pk"),
    ).exclude(finished_by=F("workflow_state__requested_by"))


def approved_revisions(page_id):
    from wagtail.models import Revision

    return Revision.page_revisions.filter(
        object_id=str(page_id),
        pk__in=approved_task_states().values("revision_id"),
    )


def content_is_approved(page):
    if page.pk is None or getattr(page, "alias_of_id", None):
        return False
    mine = fingerprint(page)
    return any(
        fingerprint(content) == mine
        for content in approved_revisions(page.pk).values_list("content", flat=True)
    )


def approved_q(prefix=""):
    """Q for case querysets: the live revision was approved by a second person."""
    states = approved_task_states().filter(revision_id=OuterRef(f"{prefix}live_revision_id"))
    return Q(Exists(states))


def live_content_approved(page):
    """For serving one page: live, approved live revision, and the row still equals it
    (a raw update of the title would differ)."""
    from wagtail.models import Revision

    if not page.live or not page.live_revision_id or page.alias_of_id:
        return False
    if getattr(page, "approved_digest", ""):
        return page.approved_digest == digest(page)  # set by the gate; no query
    row = (
        Revision.objects.filter(pk=page.live_revision_id)
        .annotate(ok=Exists(approved_task_states().filter(revision_id=OuterRef("pk"))))
        .values("content", "ok").first()
    )
    return bool(row and row["ok"] and fingerprint(row["content"]) == fingerprint(page))


def hide_unapproved(pages):
    """Leave out of a Page queryset the live cases whose live revision was not approved."""
    from .models import Casus

    hidden = Casus.objects.filter(live=True).exclude(approved_q()).values("pk")
    return pages.filter(~Q(pk__in=hidden))  # a subquery: no extra query per request


# --- refusals ----------------------------------------------------------------------------

REFUSED_MESSAGE = _(
    "Niet gepubliceerd: “%(title)s” is een casus en gaat pas online als precies deze tekst "
    "door de privacycontrole is gekomen en een tweede persoon hem heeft goedgekeurd in de "
    "Privacytoets. Hij staat als concept klaar; bied hem aan voor de workflow ‘Casus "
    "publiceren’."
)


def refuse(page, how):
    """Record that `page` was kept from going live (`how`: save, publish)."""
    logger.info("casus %s niet live gezet (%s): geen goedgekeurde versie", page.pk, how)
    found = _refusals.get()
    if found is not None:
        found.append(page.title or "")


def forget_refusals():
    """A view that explains the refusal itself clears the list (no double message)."""
    found = _refusals.get()
    if found is not None:
        found.clear()


class RefusalMessagesMiddleware:
    """Turns refusals during an admin request into one Dutch error message, and drops
    Wagtail's and wagtail-localize's success messages that would say it was published."""

    PUBLISHED_WORDS = ("publish", "gepubliceerd", "live")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _refusals.set([])
        try:
            response = self.get_response(request)
            titles = _refusals.get()
        finally:
            _refusals.reset(token)
        if titles and hasattr(request, "_messages"):
            storage = request._messages
            queued = getattr(storage, "_queued_messages", [])
            queued[:] = [
                m for m in queued
                if m.level != messages.SUCCESS
                or not any(word in str(m.message).lower() for word in self.PUBLISHED_WORDS)
            ]
            for title in dict.fromkeys(titles):
                messages.error(request, str(REFUSED_MESSAGE) % {"title": title})
        return response


NOT_VIA_UPDATE = _(
    "Een casus gaat niet online via een bulk-update: publiceren kan alleen via de "
    "Privacytoets."
)
