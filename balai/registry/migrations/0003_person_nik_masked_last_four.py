"""Show only a NIK's last four digits: recompute every stored mask from the encrypted NIK.

The old mask (first four and last two digits) kept the region prefix, which with a birth date,
sex and kecamatan shown beside it let anyone rebuild most NIKs. Both masks are written out here
rather than imported, so that this migration keeps doing what it did when the code changes.

It reads and writes in chunks of primary keys, each chunk in its own transaction, so that a
registry of a million people is neither loaded at once nor locked for the whole run; a run
stopped half-way is simply run again (each mask is recomputed from the NIK, not from the old
mask).
"""

from collections.abc import Callable

from django.db import migrations, transaction

from balai.core.encryption import decrypt_text

CHUNK = 2000


def last_four(nik: str) -> str:
    return "*" * (len(nik) - 4) + nik[-4:]


def first_four_and_last_two(nik: str) -> str:
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]


def remask(apps, mask: Callable[[str], str]) -> None:
    person_model = apps.get_model("registry", "Person")
    last_pk = 0
    while True:
        with transaction.atomic():
            people = list(
                person_model.objects.filter(pk__gt=last_pk)
                .order_by("pk")
                .only("pk", "nik_encrypted", "nik_masked")[:CHUNK]
            )
            if not people:
                return
            for person in people:
                person.nik_masked = mask(decrypt_text(person.nik_encrypted))
            person_model.objects.bulk_update(people, ["nik_masked"])
        last_pk = people[-1].pk


def forwards(apps, schema_editor) -> None:
    remask(apps, last_four)


def backwards(apps, schema_editor) -> None:
    remask(apps, first_four_and_last_two)


class Migration(migrations.Migration):
    # Each chunk commits on its own (see above).
    atomic = False

    dependencies = [
        ("registry", "0002_person_profile_and_duplicates"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
