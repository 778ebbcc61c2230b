"""The registry's data migrations, forwards and backwards, on a few rows."""

from __future__ import annotations

from typing import Any

from django.db.migrations.state import StateApps

from balai.testing.migration_rows import a_kelurahan, person_row

BEFORE_MASKS = ("registry", "0002_person_profile_and_duplicates")
LAST_FOUR_MASKS = ("registry", "0003_person_nik_masked_last_four")
UNANSWERED_ALLOWED = ("registry", "0005_person_unanswered_before_going_back")
NIKS = ["3671015705900001", "3671021708850042", "3671034101001234"]


def masks(apps: StateApps) -> list[str]:
    person_model = apps.get_model("registry", "Person")
    return list(person_model.objects.order_by("pk").values_list("nik_masked", flat=True))


def test_the_nik_masks_are_recomputed_to_the_last_four_digits_and_back(migrator: Any) -> None:
    old = migrator.apply_initial_migration(BEFORE_MASKS)
    place = a_kelurahan(old.apps)
    for nik in NIKS:
        person_row(old.apps, nik, place, mask=f"{nik[:4]}{'*' * 10}{nik[-2:]}")
    new = migrator.apply_tested_migration(LAST_FOUR_MASKS)
    assert masks(new.apps) == ["************0001", "************0042", "************1234"]
    back = migrator.apply_tested_migration(BEFORE_MASKS)
    assert masks(back.apps) == ["3671**********01", "3671**********42", "3671**********34"]


def test_going_back_turns_an_unanswered_yes_no_into_no_and_keeps_every_answer(
    migrator: Any,
) -> None:
    new = migrator.apply_initial_migration(UNANSWERED_ALLOWED)
    place = a_kelurahan(new.apps)
    person_row(
        new.apps,
        NIKS[0],
        place,
        mask="************0001",
        employment_status="unemployed",
        has_disability=True,
        is_household_head=None,
    )
    old = migrator.apply_tested_migration(LAST_FOUR_MASKS)
    person = old.apps.get_model("registry", "Person").objects.get()
    assert (person.employment_status, person.has_disability, person.is_household_head) == (
        "unemployed",
        True,
        False,
    )


BEFORE_SOUND_KEYS = ("registry", "0007_person_name_phonetic_frontdesk")
SOUND_KEYS = ("registry", "0008_person_name_phonetic_fill_frontdesk")


def test_people_registered_before_the_sound_key_get_theirs_and_going_back_works(
    migrator: Any,
) -> None:
    old = migrator.apply_initial_migration(BEFORE_SOUND_KEYS)
    place = a_kelurahan(old.apps)
    person_row(old.apps, NIKS[0], place, mask="************0001", full_name="Djoko Soeharto")
    new = migrator.apply_tested_migration(SOUND_KEYS)
    person = new.apps.get_model("registry", "Person").objects.get()
    assert person.name_phonetic == "yokosuharto"  # as "Joko Suharto" is searched
    migrator.apply_tested_migration(UNANSWERED_ALLOWED)
