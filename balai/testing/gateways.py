"""A stand-in for the WhatsApp/SMS provider: it records what it is given, and can be told to
refuse, as a real gateway does in an outage."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from balai.notifications.gateways import GatewayError

FAKE_GATEWAY = "balai.testing.gateways.RecordingGateway"


@dataclass(frozen=True)
class SentText:
    phone: str
    text: str


class RecordingGateway:
    """Records every message it takes (from any thread); refuses while `refusing` is set;
    takes `seconds_per_message` over each, as a real provider does."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[SentText] = []
        self.refusing = ""
        self.seconds_per_message = 0.0

    def send(self, *, phone: str, text: str) -> None:
        if self.refusing:
            raise GatewayError(self.refusing)
        time.sleep(self.seconds_per_message)
        with self.lock:
            self.sent.append(SentText(phone=phone, text=text))

    def reset(self) -> None:
        with self.lock:
            self.sent.clear()
        self.refusing = ""
        self.seconds_per_message = 0.0
