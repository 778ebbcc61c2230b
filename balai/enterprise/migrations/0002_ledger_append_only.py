"""The ledger's tables refuse UPDATE (and on PostgreSQL DELETE) in the database itself, so
that no code path, admin screen or hand-typed SQL can edit the record of money.

SQLite keeps DELETE open: Django empties tables between transactional tests with DELETE,
where PostgreSQL uses TRUNCATE (which row triggers do not see).
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLES = ("enterprise_ledgertransaction", "enterprise_ledgerentry")
MESSAGE = "The ledger is append-only: post a reversing transaction instead."


def _refuse_edits(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION enterprise_ledger_append_only() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$"
        )
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION enterprise_ledger_append_only()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )


def _allow_edits(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS enterprise_ledger_append_only()")


class Migration(migrations.Migration):
    dependencies = [("enterprise", "0001_schema")]

    operations = [migrations.RunPython(_refuse_edits, _allow_edits)]
