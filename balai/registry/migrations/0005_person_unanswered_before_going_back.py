"""The data half of letting yes/no answers be unanswered (0004 is the schema half).

Forwards there is nothing to do: existing answers stay exactly as they were given. Backwards,
the columns become NOT NULL again, which an unanswered (NULL) row would refuse, so those rows
go back to "no" first: what the old schema recorded for a question left blank, and likewise
worth no points.
"""

from django.db import migrations


def unanswered_as_no(apps, schema_editor) -> None:
    person_model = apps.get_model("registry", "Person")
    for field in ("has_disability", "is_household_head"):
        person_model.objects.filter(**{f"{field}__isnull": True}).update(**{field: False})


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_person_answers_start_unanswered"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, unanswered_as_no, elidable=False)
    ]
