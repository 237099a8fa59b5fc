"""The anonymous query log: what residents look for, and what found nothing.

Stored per day, source and normalised question: a counter and the number of results.
No IP address, no user, no session, no exact time. Numbers (citizen service numbers, phone
numbers), e-mail and web addresses, postcodes and capitalised words the finder does not
know (most likely names) are replaced by placeholders before anything is stored.
"""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .text import fold, is_stopword, normalise_query

logger = logging.getLogger(__name__)


def anonymise(text, known_words=()):
    """`text` with likely names replaced, then normalised for the log.

    A capitalised word the finder does not know is a name, also as the first word
    ("Anna de Vries" -> "[naam] de [naam]"); stop words ("Mijn") stay.
    """
    parts = str(text or "").split()
    cleaned = []
    for part in parts:
        word = fold(part).strip(".,;:!?()\"'")
        if (
            part[:1].isupper()
            and word
            and word not in known_words
            and not is_stopword(word)
            and not part.isupper()
        ):
            cleaned.append("[naam]")
        else:
            cleaned.append(part)
    return normalise_query(" ".join(cleaned))


def log_query(text, source, result_count, known_words=()):
    """Count one question. Never raises: a failing log must not break a search."""
    question = anonymise(text, known_words)
    if not question:
        return None
    from .models import Zoekvraag

    today = timezone.localdate()
    try:
        rows = Zoekvraag.objects.filter(vraag=question, bron=source, datum=today)
        if rows.update(aantal=F("aantal") + 1, resultaten=result_count):
            return question
        try:
            with transaction.atomic():
                Zoekvraag.objects.create(
                    vraag=question, bron=source, datum=today, aantal=1, resultaten=result_count
                )
        except IntegrityError:
            rows.update(aantal=F("aantal") + 1, resultaten=result_count)
    except DatabaseError:
        logger.warning("zoekvraag niet gelogd", exc_info=True)
    return question
