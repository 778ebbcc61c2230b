from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from balai.notifications.sending import notifications_send_due


class Command(BaseCommand):
    help = (
        "Send every notification that is due: new ones, and failed ones whose wait before "
        "the next attempt is over. Run it every minute (cron or a systemd timer); any number "
        "may run at once, beside the job workers, and each message is sent once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = notifications_send_due()
        self.stdout.write(
            f"sent {summary.sent}, to be retried {summary.retried}, failed {summary.failed}"
        )
