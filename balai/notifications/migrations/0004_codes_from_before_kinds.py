"""One-time codes queued before messages had kinds: marked as claim codes, so that they are
treated as secret (their body forgotten once sent or given up, never sent once expired), and
the bodies of those already sent or failed forgotten now. Going back, nothing to undo: the
kind column goes with 0002's reversal, and a forgotten body stays forgotten."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# The subject the code's message had, in each language it was sent in.
CODE_SUBJECTS = ("Balai code", "Kode Balai")


def mark_codes(apps: StateApps, _schema_editor: BaseDatabaseSchemaEditor) -> None:
    notification_model = apps.get_model("notifications", "Notification")
    codes = notification_model.objects.filter(kind="", subject__in=CODE_SUBJECTS)
    codes.exclude(status="pending").update(body="")
    codes.update(kind="claim_code")


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_user_messages_dropped_going_back")]

    operations = [migrations.RunPython(mark_codes, migrations.RunPython.noop)]
