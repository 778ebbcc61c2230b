"""Adapters for the WhatsApp/SMS gateway. The gateway is an outside service: production
configures a real one with NOTIFICATION_GATEWAY; locally and in tests the logging one stands
in, writing what would have been sent (phone masked) to the log."""

from __future__ import annotations

import logging
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from balai.core.masking import mask_phone

logger = logging.getLogger(__name__)


class GatewayError(Exception):
    """The gateway refused or could not take the message; it is tried again later."""


class MessageGateway(Protocol):
    def send(self, *, phone: str, text: str) -> None: ...


class LoggingGateway:
    """Sends nothing; logs the message with the phone number masked."""

    def send(self, *, phone: str, text: str) -> None:
        logger.info("WhatsApp/SMS to %s: %s", mask_phone(phone), text)


@cache
def message_gateway() -> MessageGateway:
    gateway: MessageGateway = import_string(settings.NOTIFICATION_GATEWAY)()
    return gateway
