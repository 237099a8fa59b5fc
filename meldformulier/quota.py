"""Upload quotas of the intake form (issue 18): nobody fills the disk.

`refusal(request, uploads)` returns a Dutch message when these files may not be stored:
more than ``MELDINGEN_UPLOADS_PER_CLIENT`` files per client per
``MELDINGEN_UPLOADS_WINDOW`` seconds (counted through `portal.ratelimit.hit`), or when the
private attachment folder would grow beyond ``MELDINGEN_UPLOADS_TOTAL_MB``. Files that no
melding took are deleted after ``MELDINGEN_LOOSE_FILES_SECONDS`` (job
`verwijder_losse_bijlagen`, every 15 minutes).
"""

from django.conf import settings
from django.utils.translation import gettext as _

from portal import ratelimit

from . import storage


def folder_bytes():
    directory = storage.root()
    if not directory.exists():
        return 0
    return sum(path.stat().st_size for path in directory.iterdir() if path.is_file())


def refusal(request, sizes):
    """None, or the message why these uploads (their sizes in bytes) are refused."""
    if not sizes:
        return None
    total_cap = settings.MELDINGEN_UPLOADS_TOTAL_MB * 1024 * 1024
    if folder_bytes() + sum(sizes) > total_cap:
        return _("Wij kunnen op dit moment geen bijlagen aannemen. Stuur uw melding zonder "
                 "bijlage; wij vragen de stukken later bij u op als dat nodig is.")
    for _size in sizes:
        allowed = ratelimit.hit(request, "uploads", settings.MELDINGEN_UPLOADS_PER_CLIENT,
                                settings.MELDINGEN_UPLOADS_WINDOW)[0]
        if not allowed:
            return _("U heeft in korte tijd veel bestanden geüpload. Probeer het over een uur "
                     "opnieuw, of stuur uw melding zonder bijlage.")
    return None


def remove_loose_files():
    from .models import Bijlage

    known = set(Bijlage.objects.values_list("stored_name", flat=True))
    return storage.remove_orphans(known, max_age_seconds=settings.MELDINGEN_LOOSE_FILES_SECONDS)
