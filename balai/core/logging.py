"""A safety net that keeps identity numbers and personal links' tokens out of log lines.

Code should never log a NIK; this filter masks any 16-digit run that slips through anyway
(in a message, its arguments, or an exception's text). A link that signs nobody in but
opens one person's page (a tracer survey's) carries its token in the path, which request
lines and "Not Found" warnings print: the app that owns such a path declares its prefix
with `register_secret_path`, and the segment after it is redacted.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn import glogging

from balai.core.masking import mask_identity_number

# Sixteen digits in a row, or split by the separators people and addresses put between them:
# spaces, dots, dashes, and their percent-encoded or plus forms in a URL.
_SEPARATOR = r"(?:[ .\-+]|%20|%2[dD])?"
SIXTEEN_DIGITS = re.compile(rf"(?<!\d)\d(?:{_SEPARATOR}\d){{15}}(?!\d)")
_ENCODED_SEPARATOR = re.compile(r"%20|%2[dD]")


def mask_identity_numbers(text: str) -> str:
    """Return `text` with every 16-digit run masked as a NIK is shown: ************3456."""
    return SIXTEEN_DIGITS.sub(lambda match: mask_identity_number(_digits_of(match[0])), text)


# Tokens are URL-safe base64; a shorter run after a secret prefix is a page name, not a token.
_URL_SAFE_RUN = r"[A-Za-z0-9_\-*]{16,}"
_secret_path_prefixes: set[str] = set()
_secret_paths: re.Pattern[str] | None = None
REDACTED = "[redacted]"


def register_secret_path(prefix: str) -> None:
    """Declare that the path segment after `prefix` ("/survey/") is a secret token: every log
    line shows it as [redacted] (call from the app's ready())."""
    global _secret_paths
    _secret_path_prefixes.add(prefix)
    prefixes = "|".join(re.escape(item) for item in sorted(_secret_path_prefixes, key=len))
    _secret_paths = re.compile(rf"((?:{prefixes})){_URL_SAFE_RUN}")


def redact_secret_paths(text: str) -> str:
    """Return `text` with the token after every declared secret path prefix redacted."""
    if _secret_paths is None:
        return text
    return _secret_paths.sub(lambda match: match[1] + REDACTED, text)


def mask_log_text(text: str) -> str:
    """Return `text` as a log line may hold it: NIKs masked, secret path tokens redacted."""
    # Redacted first: masking a run of digits inside a token would cut the token short.
    return mask_identity_numbers(redact_secret_paths(text))


def _digits_of(written: str) -> str:
    return "".join(filter(str.isdigit, _ENCODED_SEPARATOR.sub("", written)))


def username_for_lockout(request: Any, credentials: dict[str, Any] | None) -> str:
    """Return the username django-axes records for a sign-in attempt, with a NIK typed into
    the username box masked (axes keeps the attempts in a table admins can read)."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return mask_identity_numbers(str(typed))


class MaskIdentityNumbersFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_log_text(record.getMessage())
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask_log_text(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class MaskingGunicornLogger(glogging.Logger):  # type: ignore[misc]  # gunicorn ships no types
    """gunicorn's logger with 16-digit runs masked in its access and error lines: a NIK typed
    into an address (or a referrer) never reaches the log in full.

    Named by `logger_class` in gunicorn.conf.py.
    """

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(item, MaskIdentityNumbersFilter) for item in log.filters):
                log.addFilter(MaskIdentityNumbersFilter())
