"""Our mail is not a weapon (issue 18): limits for every form that mails a typed address.

- `client_allowed(request)`: posts per client (``MAIL_FORM_LIMIT`` per hour), through the
  one rate-limit function `portal.ratelimit.hit`.
- `may_mail(request, email, repeat_of=None)`: whether this address may get a mail now: at
  most ``MAIL_PER_ADDRESS_LIMIT`` per day, and a repeat (the same request again, named by
  `repeat_of`) at most once a day. The caller gives the same answer either way, so nobody
  learns whether an address is known. Only salted hashes are kept, in the cache.
"""

from django.conf import settings

from portal import ratelimit

HOUR, DAY = 3600, 86400


def client_allowed(request):
    return ratelimit.hit(request, "mailform", settings.MAIL_FORM_LIMIT, HOUR)[0]


def may_mail(request, email, repeat_of=None):
    email = (email or "").strip().lower()
    if repeat_of is not None and not ratelimit.hit(
            request, "mailrepeat", 1, DAY, key=f"{repeat_of}|{email}")[0]:
        return False
    return ratelimit.hit(request, "mailaddress", settings.MAIL_PER_ADDRESS_LIMIT, DAY,
                         key=email)[0]
