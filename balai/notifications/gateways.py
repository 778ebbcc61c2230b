"""Adapters for the WhatsApp/SMS gateway. The gateway is an outside service: production
configures a real one with NOTIFICATION_GATEWAY; locally and in tests the logging one stands
in, writing what would have been sent (phone masked) to the log."""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from balai.core.masking import mask_phone

logger = logging.getLogger(__name__)
LOGGING_GATEWAY = "balai.notifications.gateways.LoggingGateway"


class GatewayError(Exception):
    """The gateway refused or could not take the message; it is tried again later."""


class MessageGateway(Protocol):
    """A WhatsApp/SMS provider's adapter. `send` raises GatewayError when the provider refuses
    or cannot be reached, and gives up after its own timeout, far under the outbox's lease
    (10 minutes): a send that outlasts the lease may be sent again by the next sender."""

    def send(self, *, phone: str, text: str) -> None: ...


# Runs of four digits or more: one-time codes, above all. Whoever reads a log must not be
# able to claim an account with what they read.
_CODES = re.compile(r"\d{4,}")


def codes_masked(text: str) -> str:
    """`text` with every run of four digits or more starred: what a log or an error record may
    keep of a message (a gateway's error often echoes the text it was given, code and all)."""
    return _CODES.sub(lambda found: "*" * len(found[0]), text)


class LoggingGateway:
    """Sends nothing; logs the message with the phone number masked, and outside DEBUG its
    codes and numbers masked too (a developer reads the codes of the demo in the log)."""

    def send(self, *, phone: str, text: str) -> None:
        shown = text if settings.DEBUG else codes_masked(text)
        logger.info("WhatsApp/SMS to %s: %s", mask_phone(phone), shown)


@checks.register(checks.Tags.security, deploy=True)
def gateway_configured_check(**_kwargs: object) -> list[checks.CheckMessage]:
    """Warn at deployment when WhatsApp/SMS messages (one-time codes too) go nowhere."""
    if settings.DEBUG or settings.NOTIFICATION_GATEWAY != LOGGING_GATEWAY:
        return []
    return [
        checks.Warning(
            "NOTIFICATION_GATEWAY is the logging stand-in: residents receive no WhatsApp/SMS "
            "message, one-time codes included.",
            hint="Set NOTIFICATION_GATEWAY to the adapter of your WhatsApp/SMS provider.",
            id="balai.W001",
        )
    ]


def message_gateway() -> MessageGateway:
    """Return the adapter NOTIFICATION_GATEWAY names (one instance per adapter)."""
    return _gateway(settings.NOTIFICATION_GATEWAY)


@cache
def _gateway(path: str) -> MessageGateway:
    gateway: MessageGateway = import_string(path)()
    return gateway
