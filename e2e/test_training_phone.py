"""Assessment on a phone: an instructor assesses a whole class on a 360 px screen in one save,
and a refused save loses nothing typed."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from balai.accounts.models import User
from balai.demo.seed import DEMO_PASSWORD
from balai.demo.training_data import FINISHED_BATCH_CODE
from balai.scheduling.models import TrainingClass
from balai.training.models import Assessment, AssessmentResult, SkillTest
from balai.training.selectors import class_roster
from e2e.pages import fits_the_screen, sign_in


def unassessed_class() -> TrainingClass:
    """A class of the finished batch, its assessments taken away: as the instructor finds it
    on the first visit."""
    training_class = TrainingClass.objects.filter(batch__code=FINISHED_BATCH_CODE).first()
    assert training_class is not None and training_class.instructor is not None
    enrolments = class_roster(training_class=training_class)
    Assessment.objects.filter(enrolment__in=enrolments).delete()
    SkillTest.objects.filter(enrolment__in=enrolments).delete()
    return training_class


def test_an_instructor_assesses_a_whole_class_in_one_save_on_a_phone(
    demo: None, live_server: Any, phone: Page
) -> None:
    training_class = unassessed_class()
    teacher: User = training_class.instructor.user  # type: ignore[union-attr,assignment]
    participants = class_roster(training_class=training_class)
    units = list(training_class.programme.competency_units.all())
    sign_in(phone, live_server.url, teacher.username, DEMO_PASSWORD)
    phone.get_by_role("link", name="Kelas saya").click()
    # Classes of the same name in other batches are told apart by their batch.
    phone.get_by_test_id("assessed-class").filter(has_text=training_class.batch.name).get_by_role(
        "link", name=str(training_class)
    ).click()
    cards = phone.get_by_test_id("assessment")
    expect(cards).to_have_count(len(participants))
    assert fits_the_screen(phone)

    first = cards.first
    first.get_by_role("radio", name="Belum kompeten").first.check()
    first.get_by_text("Catatan dan nilai tes").click()
    first.get_by_label(f"Catatan {units[0].code}").fill("Belum rapi menata")
    first.get_by_label("Nilai pasca-tes").fill("150")
    phone.screenshot(path="e2e/artifacts/assessment-phone.png", full_page=True)
    everyone = phone.get_by_test_id("class-all-competent")
    everyone.click()

    # Refused (a score over 100): nothing saved, everything typed still there.
    expect(phone.get_by_text("Periksa hasil dan nilai (0 sampai 100).")).to_be_visible()
    assert not Assessment.objects.filter(enrolment__in=participants).exists()
    expect(first.get_by_role("radio", name="Belum kompeten").first).to_be_checked()
    expect(first.get_by_label(f"Catatan {units[0].code}")).to_have_value("Belum rapi menata")
    first.get_by_label("Nilai pasca-tes").fill("85")
    assert fits_the_screen(phone)
    everyone.click()

    saved = len(participants) * len(units) + 1
    expect(phone.get_by_text(f"Penilaian disimpan: {saved} dicatat, 0 dikoreksi.")).to_be_visible()
    results = list(
        Assessment.objects.filter(enrolment__in=participants).values_list("result", flat=True)
    )
    assert sorted(results) == sorted(
        [AssessmentResult.NOT_YET_COMPETENT]
        + [AssessmentResult.COMPETENT] * (len(participants) * len(units) - 1)
    )
    assert SkillTest.objects.get(enrolment=participants[0]).post_score == 85
    expect(first.get_by_role("radio", name="Belum kompeten").first).to_be_checked()
    assert fits_the_screen(phone)
