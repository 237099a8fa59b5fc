"""Logs without personal data (issue 18): the application's, gunicorn's and (by the same
rules, in deploy/nginx.conf) the proxy's.

- Client addresses are truncated: IPv4 to its /24 (``203.0.113.0``), IPv6 to its /48.
- URLs lose their query string (search questions, prefilled answers) and token segments
  (registration, confirmation and unsubscribe links, any long random path segment).
- E-mail addresses in messages become ``[e-mail]``.

`RedactingFilter` is on the console handler of LOGGING; `GunicornLogger` is gunicorn's
``--logger-class`` in `make serve`, with `ACCESS_LOG_FORMAT`.
"""

import ipaddress
import logging
import re

from gunicorn.glogging import Logger as _GunicornBase

ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms'

_TOKEN_PREFIXES = re.compile(
    r"^(/(?:en/)?(?:nieuwsbrief/(?:bevestigen|afmelden)|kennisbank/aanmelding)/)[^/?#]+"
)
_LONG_SEGMENT = re.compile(r"(?<=/)(?=[A-Za-z0-9_~=-]*\d)[A-Za-z0-9_~=-]{20,}(?=/|$)")
_URL = re.compile(r"(/[^\s\"'?#]*)\?[^\s\"']*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IPV4 = re.compile(r"(?<![\d.])(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")


def truncate_address(address):
    try:
        ip = ipaddress.ip_address(str(address).strip())
    except ValueError:
        return "-"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def redact_path(path):
    """Path without query string and without token segments."""
    path = str(path or "").split("?", 1)[0].split("#", 1)[0]
    path = _TOKEN_PREFIXES.sub(r"\1:token", path)
    return _LONG_SEGMENT.sub(":token", path)


def _ipv6(match):
    text = match.group(0)
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return text
    return truncate_address(text)


def redact_text(text):
    text = _EMAIL.sub("[e-mail]", str(text))
    text = _URL.sub(lambda match: redact_path(match.group(1)), text)
    text = re.sub(r"/[^\s\"']+", lambda match: redact_path(match.group(0)), text)
    text = _IPV4.sub(r"\1.0", text)
    return _IPV6.sub(_ipv6, text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and exception text) without personal data."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        return True


class GunicornLogger(_GunicornBase):
    """Gunicorn's access and error log with truncated addresses and redacted URLs."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO", ""))
        atoms["h"] = truncate_address(environ.get("REMOTE_ADDR", ""))
        atoms["r"] = f"{environ.get('REQUEST_METHOD', '-')} {path} " \
                     f"{environ.get('SERVER_PROTOCOL', '-')}"
        atoms["U"] = path
        atoms["q"] = "-"
        atoms["f"] = "-"
        atoms["a"] = "-"
        return atoms

    def error(self, msg, *args, **kwargs):
        super().error(redact_text(msg % args if args else msg), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(redact_text(msg % args if args else msg), **kwargs)

    def info(self, msg, *args, **kwargs):
        super().info(redact_text(msg % args if args else msg), **kwargs)
