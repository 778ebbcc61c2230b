"""The data half of the name sound key (0007 is the schema half): every person registered
before it gets their key, so that a search finds them as it finds a new registration.

The key is computed by the code of today on purpose: it must equal what searches compute. A
later change to the key comes with its own migration that computes it again. Backwards there
is nothing to undo (0007's reversal drops the column).
"""

from django.db import migrations

from balai.registry.names import name_phonetic_key

BATCH_SIZE = 1000


def name_phonetic_fill(apps, schema_editor) -> None:
    person_model = apps.get_model("registry", "Person")
    people = person_model.objects.only("id", "full_name").order_by("id")
    batch = []
    for person in people.iterator(chunk_size=BATCH_SIZE):
        person.name_phonetic = name_phonetic_key(person.full_name)
        batch.append(person)
        if len(batch) == BATCH_SIZE:
            person_model.objects.bulk_update(batch, ["name_phonetic"])
            batch = []
    person_model.objects.bulk_update(batch, ["name_phonetic"])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_person_name_phonetic_frontdesk"),
    ]

    operations = [
        migrations.RunPython(name_phonetic_fill, migrations.RunPython.noop, elidable=False)
    ]
