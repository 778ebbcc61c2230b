"""Going back to an outbox that only addresses people: messages to user accounts cannot be
kept there (the person column is required again), so they are deleted first. Forwards,
existing rows need nothing: they address a person and are due at once."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def drop_messages_to_users(apps: StateApps, _schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("notifications", "Notification").objects.filter(person__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_outbox_recipients_and_retries")]

    operations = [migrations.RunPython(migrations.RunPython.noop, drop_messages_to_users)]
