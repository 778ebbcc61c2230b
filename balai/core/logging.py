"""A safety net that keeps identity numbers out of log lines.

Code should never log a NIK; this filter masks any 16-digit run that slips through anyway
(in a message, its arguments, or an exception's text).
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


def _digits_of(written: str) -> str:
    return "".join(filter(str.isdigit, _ENCODED_SEPARATOR.sub("", written)))


def username_for_lockout(request: Any, credentials: dict[str, Any] | None) -> str:
    """Return the username django-axes records for a sign-in attempt, with a NIK typed into
    the username box masked (axes keeps the attempts in a table admins can read)."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return mask_identity_numbers(str(typed))


class MaskIdentityNumbersFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_identity_numbers(record.getMessage())
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask_identity_numbers(
                logging.Formatter().formatException(record.exc_info)
            )
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
