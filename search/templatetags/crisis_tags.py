"""`tel_links`: phone numbers in a plain text become tel: links (crisis box, form)."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.crisis import PHONE_RE

register = template.Library()


@register.filter
def tel_links(text):
    def link(match):
        number = match.group(1)
        digits = re.sub(r"\D", "", number)
        return f'<a class="utrecht-link slp-tel" href="tel:{digits}">{number}</a>'

    return mark_safe(PHONE_RE.sub(link, escape(str(text or ""))))


@register.simple_tag
def snel_weg_url():
    """Where the quick exit goes: a neutral site (setting SNEL_WEG_URL)."""
    from django.conf import settings

    return getattr(settings, "SNEL_WEG_URL", "https://www.buienradar.nl/")
