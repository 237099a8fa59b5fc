"""iCalendar (.ics) for learning sessions, with the `icalendar` package."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from icalendar import Calendar, Event


def _host():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "signaleerpunt.nl"


def session_event(session):
    event = Event()
    canonical_id = getattr(session, "canonical", session).pk
    event.add("uid", f"leerbijeenkomst-{canonical_id}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", session.title)
    description = session.intro or ""
    if session.online_url:
        description = f"{description}\n\n{gettext('Online')}: {session.online_url}".strip()
    if description:
        event.add("description", strip_tags(description))
    location = session.location or session.online_url
    if location:
        event.add("location", location)
    url = session.full_url
    if url:
        event.add("url", url)
    return event


def session_calendar(sessions, name=None):
    calendar = Calendar()
    calendar.add("prodid", "-//SignaLeerpunt sociaal domein//Leerbijeenkomsten//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for session in sessions:
        calendar.add_component(session_event(session))
    return calendar.to_ical()
