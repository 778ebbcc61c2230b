"""The indicators on a hand-made cohort whose every figure is worked out by hand below.

Today is pinned to 20 August 2026 (the 3rd quarter, T3, of 2026); every date is a day of
TODAY's year or the year before. Ten graduates of one class have their exits, placements,
survey answers, certificates and assessments rewritten as rows:

| who | sex | kelurahan | exit (quarter)      | what the records say                              |
| P1  | L   | Sukarasa  | 15 May, Y-1 (T2)    | job at PT Maju Bersama from 1 Jun Y-1, open, 2-3m |
| P2  | P   | Sukarasa  | 15 May, Y-1 (T2)    | "Toko Maju" 1 Jul-15 Dec Y-1 (1-2m); "TOKO MAJU"  |
|     |     |           |                     | again from 10 Apr Y (2-3m)                         |
| P3  | L   | Babakan   | 15 May, Y-1 dropout | company CV Jaya 1 Sep Y-1 - 31 Jan Y (3-4m); no   |
|     |     |           |                     | certificate, no assessment                         |
| P4  | P   | Babakan   | 15 May, Y-1 (T2)    | survey +6 (due 15 Nov Y-1): own business, <1m;     |
|     |     |           |                     | survey +12 (due 15 May Y): own business, "same";  |
|     |     |           |                     | certificate revoked                                |
| P5  | L   | Sukarasa  | 15 May, Y-1 (T2)    | survey +6: looking; further training Oct-Dec Y-1;  |
|     |     |           |                     | certificate issued 1 Jun Y (after a year); one     |
|     |     |           |                     | unit not yet kompeten, skill test 40 -> 70         |
| P6  | P   | Sukarasa  | 10 Nov, Y-1 (T4)    | business group from 1 Mar Y, band unknown          |
| P7  | L   | Babakan   | 10 Nov, Y-1 (T4)    | nothing; one unit not yet kompeten, test 60 -> 60  |
| P8  | P   | Sukarasa  | 10 Feb, Y (T1)      | job from 1 Mar Y (4-5m)                            |
| P9  | L   | Keroncong | 15 May, Y-1 (T2)    | "PT Keroncong" from 1 Jun Y-1, open (>5m)          |
| P10 | P   | Sukarasa  | gave the seat up    | not an exiter, nor a participant                   |

Exit in T2 of Y-1: the 2nd quarter after is T4 Y-1 (ended), the 4th is T2 Y (ended 30 Jun).
Exit in T4 of Y-1: the 2nd quarter is T2 Y (ended), the 4th T4 Y (not ended).
Exit in T1 of Y: the 2nd quarter is T3 Y, today's: not ended. P8 counts in no quarter.
Certificates are issued on the day of exit unless said otherwise. The period is 1 January
Y-1 to today: all nine exits; P1-P9 all took part in it.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.intake.models import Application
from balai.placement.indicators import Group, IndicatorTable, indicator_table
from balai.placement.models import (
    Placement,
    PlacementChannel,
    SurveyInvitation,
    SurveyResponse,
    SurveyWave,
)
from balai.regions.models import Kelurahan
from balai.registry.models import Person
from balai.testing.clients import bearer, client_for
from balai.testing.placement import make_company, make_graduates
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA
from balai.training.models import (
    Assessment,
    AssessmentResult,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    SkillTest,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 8, 20)
Y = TODAY.year
PERIOD = {"exited_from": datetime.date(Y - 1, 1, 1), "exited_until": TODAY}
EXIT_T2 = datetime.date(Y - 1, 5, 15)
EXIT_T4 = datetime.date(Y - 1, 11, 10)
EXIT_T1 = datetime.date(Y, 2, 10)


@pytest.fixture
def pinned_today() -> Iterator[None]:
    moment = datetime.datetime.combine(
        TODAY, datetime.time(9), tzinfo=timezone.get_current_timezone()
    )
    with time_machine.travel(moment, tick=False):
        yield


def _exit(
    enrolment: Enrolment, on: datetime.date, *, sex: str, home: str, dropped: bool = False
) -> None:
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=EnrolmentStatus.DROPPED if dropped else EnrolmentStatus.COMPLETED,
        joined_on=on - datetime.timedelta(days=60),
        left_on=on,
    )
    Person.objects.filter(pk=enrolment.person_id).update(
        sex=sex, domicile_kelurahan=Kelurahan.objects.get(code=home)
    )
    Certificate.objects.filter(enrolment=enrolment).update(issued_on=on)


def _place(enrolment: Enrolment, kind: str, starts_on: datetime.date, **fields: Any) -> None:
    Placement.objects.create(
        person_id=enrolment.person_id,
        enrolment=enrolment,
        kind=kind,
        channel=PlacementChannel.OPERATOR,
        starts_on=starts_on,
        **{"employer_name": "", **fields},
    )


def _answer(enrolment: Enrolment, months: int, due_on: datetime.date, **fields: Any) -> None:
    invitation = SurveyInvitation.objects.create(
        enrolment=enrolment,
        wave=SurveyWave.objects.get(months_after_exit=months),
        due_on=due_on,
        token_hash=hashlib.sha256(f"{enrolment.pk}-{months}".encode()).hexdigest(),
        expires_at=timezone.now(),
    )
    SurveyResponse.objects.create(invitation=invitation, **fields)


def _not_yet_kompeten_in_one_unit(enrolment: Enrolment) -> None:
    first = Assessment.objects.filter(enrolment=enrolment).order_by("unit__code").first()
    assert first is not None
    Assessment.objects.filter(pk=first.pk).update(result=AssessmentResult.NOT_YET_COMPETENT)


@pytest.fixture
def cohort(
    pinned_today: None, kota_tangerang: None, programmes: list[Programme]
) -> list[Enrolment]:
    """P1 to P10 of the module's docstring (index 0 is P1)."""
    people = make_graduates(programmes, count=10).enrolments
    p1, p2, p3, p4, p5, p6, p7, p8, p9, p10 = people
    company, _ = make_company(name="PT Maju Bersama")
    other_company, _ = make_company(name="CV Jaya")

    _exit(p1, EXIT_T2, sex="L", home=SUKARASA)
    _place(
        p1,
        "wage",
        datetime.date(Y - 1, 6, 1),
        company=company,
        employer_name=company.name,
        income_band="2m_3m",
    )

    _exit(p2, EXIT_T2, sex="P", home=SUKARASA)
    _place(
        p2,
        "wage",
        datetime.date(Y - 1, 7, 1),
        ends_on=datetime.date(Y - 1, 12, 15),
        employer_name="Toko Maju",
        income_band="1m_2m",
    )
    _place(p2, "wage", datetime.date(Y, 4, 10), employer_name="TOKO MAJU", income_band="2m_3m")

    _exit(p3, EXIT_T2, sex="L", home=BABAKAN, dropped=True)
    _place(
        p3,
        "wage",
        datetime.date(Y - 1, 9, 1),
        ends_on=datetime.date(Y, 1, 31),
        company=other_company,
        employer_name=other_company.name,
        income_band="3m_4m",
    )
    Certificate.objects.filter(enrolment=p3).delete()
    Assessment.objects.filter(enrolment=p3).delete()

    _exit(p4, EXIT_T2, sex="P", home=BABAKAN)
    _answer(
        p4,
        6,
        datetime.date(Y - 1, 11, 15),
        employment_status="self",
        employer_name="Kue Bu Sri",
        income_band="below_1m",
    )
    _answer(p4, 12, datetime.date(Y, 5, 15), employment_status="self", same_employer_as_before=True)
    Certificate.objects.filter(enrolment=p4).update(
        revoked_at=timezone.now(), revocation_reason="Data salah"
    )

    _exit(p5, EXIT_T2, sex="L", home=SUKARASA)
    _answer(p5, 6, datetime.date(Y - 1, 11, 15), employment_status="looking")
    _place(
        p5,
        "training",
        datetime.date(Y - 1, 10, 1),
        ends_on=datetime.date(Y - 1, 12, 20),
        employer_name="BLK Tangerang",
    )
    Certificate.objects.filter(enrolment=p5).update(issued_on=datetime.date(Y, 6, 1))
    _not_yet_kompeten_in_one_unit(p5)
    SkillTest.objects.create(enrolment=p5, pre_score=40, post_score=70)

    _exit(p6, EXIT_T4, sex="P", home=SUKARASA)
    _place(p6, "group", datetime.date(Y, 3, 1), employer_name="KUBE Melati")

    _exit(p7, EXIT_T4, sex="L", home=BABAKAN)
    _not_yet_kompeten_in_one_unit(p7)
    SkillTest.objects.create(enrolment=p7, pre_score=60, post_score=60)

    _exit(p8, EXIT_T1, sex="P", home=SUKARASA)
    _place(p8, "wage", datetime.date(Y, 3, 1), employer_name="PT Baru", income_band="4m_5m")

    _exit(p9, EXIT_T2, sex="L", home=KERONCONG)
    _place(
        p9, "wage", datetime.date(Y - 1, 6, 1), employer_name="PT Keroncong", income_band="above_5m"
    )

    Enrolment.objects.filter(pk=p10.pk).update(status=EnrolmentStatus.LEFT, left_on=EXIT_T2)
    return people


def _figures(group: Group) -> dict[str, Any]:
    """Each indicator as (numerator, denominator), the median as its band; "—" if hidden."""
    return {
        cell.code: "—"
        if cell.suppressed
        else cell.band
        if cell.code == "median_band_q2"
        else (cell.numerator, cell.denominator)
        for cell in group.cells
    }


def _table(user: User, breakdown: str = "sex", **period: datetime.date) -> IndicatorTable:
    return indicator_table(user=user, breakdown=breakdown, today=TODAY, **{**PERIOD, **period})


def _groups(table: IndicatorTable) -> dict[str, Group]:
    return {group.key: group for group in table.groups}


def test_the_indicators_of_the_whole_cohort_match_the_hand_count(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    table = _table(users_by_role[Role.ADMIN])

    assert (table.total.exiters, table.total.participants) == (9, 9)  # P10 gave the seat up
    assert _figures(table.total) == {
        # 2nd quarter ended for P1-P7 and P9 (8); working: P1, P2, P3, P4 (own business),
        # P6 (group), P9 = 6. P5 looked for work and trained; P7 shows nothing.
        "employment_q2": (6, 8),
        # 4th quarter ended for the T2 exiters P1-P5, P9 (6); working: P1, P2 (Toko Maju
        # again from April), P4 (survey of May), P9 = 4. P3's job ended in January.
        "employment_q4": (4, 6),
        # Bands of those working in the 2nd quarter: P1 2-3m, P2 1-2m (the job of that
        # quarter), P3 3-4m, P4 <1m (survey), P9 >5m; P6 unknown. Sorted, the 3rd of 5: 2-3m.
        "median_band_q2": "2m_3m",
        # All 9 exiters; certificate within a year: P1, P2, P6, P7, P8, P9 = 6. P3 has none,
        # P4's is revoked, P5's came on 1 June Y, after 15 May Y.
        "credential": (6, 9),
        # All 9 took part; no gain: P3 (no assessment, no test), P7 (one unit not yet,
        # test 60 -> 60). P5 is not kompeten everywhere but scored 40 -> 70. 7 of 9.
        "skill_gain": (7, 9),
        # Working in the 2nd quarter with the 4th ended: P1, P2, P3, P4, P9 (5); the same
        # employer: P1 (same company), P2 (same name), P4 (says so), P9 (same job) = 4.
        "retention": (4, 5),
        "self_employment_q2": (1, 8),  # P4
        "business_group_q2": (1, 8),  # P6
        "further_training_q2": (1, 8),  # P5
    }
    employment = table.total.cells[0]
    assert employment.percent == 75.0


def test_the_indicators_by_sex_match_the_hand_count(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    groups = _groups(_table(users_by_role[Role.ADMIN], "sex"))

    # Men: P1, P3, P5, P7, P9.
    assert (groups["L"].exiters, groups["L"].participants) == (5, 5)
    assert _figures(groups["L"]) == {
        "employment_q2": (3, 5),  # P1, P3, P9 of P1, P3, P5, P7, P9
        "employment_q4": (2, 4),  # P1, P9 of P1, P3, P5, P9
        "median_band_q2": "3m_4m",  # 2-3m, 3-4m, >5m
        "credential": (3, 5),  # P1, P7, P9
        "skill_gain": (3, 5),  # all but P3, P7
        "retention": (2, 3),  # P1, P9 of P1, P3, P9
        "self_employment_q2": (0, 5),
        "business_group_q2": (0, 5),
        "further_training_q2": (1, 5),  # P5
    }
    # Women: P2, P4, P6, P8 (P8's quarters have not ended).
    assert (groups["P"].exiters, groups["P"].participants) == (4, 4)
    assert _figures(groups["P"]) == {
        "employment_q2": (3, 3),  # P2, P4, P6
        "employment_q4": (2, 2),  # P2, P4
        "median_band_q2": "below_1m",  # <1m and 1-2m: the lower middle
        "credential": (3, 4),  # P2, P6, P8
        "skill_gain": (4, 4),
        "retention": (2, 2),  # P2, P4
        "self_employment_q2": (1, 3),  # P4
        "business_group_q2": (1, 3),  # P6
        "further_training_q2": (0, 3),
    }


def test_the_indicators_by_kelurahan_match_the_hand_count(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    groups = _groups(_table(users_by_role[Role.ADMIN], "kelurahan"))

    assert list(groups) == [BABAKAN, KERONCONG, SUKARASA]  # by name
    # Sukarasa: P1, P2, P5, P6, P8.
    assert _figures(groups[SUKARASA]) == {
        "employment_q2": (3, 4),  # P1, P2, P6 of P1, P2, P5, P6
        "employment_q4": (2, 3),  # P1, P2 of P1, P2, P5
        "median_band_q2": "1m_2m",  # 1-2m and 2-3m
        "credential": (4, 5),  # all but P5
        "skill_gain": (5, 5),
        "retention": (2, 2),
        "self_employment_q2": (0, 4),
        "business_group_q2": (1, 4),  # P6
        "further_training_q2": (1, 4),  # P5
    }
    # Babakan: P3 (dropout), P4, P7.
    assert _figures(groups[BABAKAN]) == {
        "employment_q2": (2, 3),  # P3, P4
        "employment_q4": (1, 2),  # P4 of P3, P4
        "median_band_q2": "below_1m",  # <1m and 3-4m
        "credential": (1, 3),  # P7
        "skill_gain": (1, 3),  # P4
        "retention": (1, 2),  # P4 of P3, P4
        "self_employment_q2": (1, 3),
        "business_group_q2": (0, 3),
        "further_training_q2": (0, 3),
    }
    assert _figures(groups[KERONCONG])["retention"] == (1, 1)  # P9


def test_the_priority_group_is_any_priority_point_or_none(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    Application.objects.update(priority_points=0)
    Application.objects.filter(person_id__in=[cohort[0].person_id, cohort[3].person_id]).update(
        priority_points=3
    )

    groups = _groups(_table(users_by_role[Role.ADMIN], "priority"))

    assert {key: group.exiters for key, group in groups.items()} == {"priority": 2, "none": 7}
    assert _figures(groups["priority"])["employment_q4"] == (2, 2)  # P1, P4


def test_the_batch_and_programme_breakdowns_hold_the_one_class(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    for breakdown in ("batch", "programme"):
        (group,) = _table(admin, breakdown).groups
        assert _figures(group) == _figures(_table(admin, breakdown).total)


def test_small_numbers_are_hidden_from_everyone_but_admins(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    viewer = _table(users_by_role[Role.VIEWER], "sex")
    women = _groups(viewer)["P"]

    assert _figures(viewer.total)["employment_q2"] == (6, 8)  # 8 people: shown
    assert _figures(viewer.total)["retention"] == (4, 5)
    assert _figures(women)["employment_q2"] == "—"  # 3 people
    assert _figures(women)["median_band_q2"] == "—"  # 2 bands
    assert women.exiters_hidden and women.participants_hidden  # 4 women
    men = _groups(viewer)["L"]
    # Shown beside the total, the men's 5 would give the women's 4 away: hidden too.
    assert men.exiters_hidden and _figures(men)["employment_q2"] == "—"
    assert _figures(_groups(_table(users_by_role[Role.ADMIN], "sex"))["P"])["employment_q2"] == (
        3,
        3,
    )


def test_operators_count_only_the_exiters_of_their_area(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    kecamatan = _table(users_by_role[Role.KECAMATAN_OPERATOR], "kelurahan")
    kelurahan = _table(users_by_role[Role.KELURAHAN_OPERATOR], "kelurahan")

    # Kecamatan Tangerang holds Sukarasa and Babakan, not Keroncong (P9).
    assert list(_groups(kecamatan)) == [BABAKAN, SUKARASA]
    assert kecamatan.total.exiters == 8
    assert _figures(kecamatan.total)["employment_q2"] == (5, 7)  # the whole less P9
    assert list(_groups(kelurahan)) == [SUKARASA]
    assert kelurahan.total.exiters == 5


def test_exiters_whose_quarters_have_not_ended_are_in_no_denominator(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    table = _table(users_by_role[Role.ADMIN], exited_from=datetime.date(Y, 1, 1))

    assert table.total.exiters == 1  # P8, exited in T1 of this year
    figures = _figures(table.total)
    assert figures["employment_q2"] == (0, 0)
    assert figures["employment_q4"] == (0, 0)
    assert figures["median_band_q2"] is None
    assert figures["credential"] == (1, 1)
    assert table.total.cells[0].percent is None


def test_a_participant_still_in_class_counts_for_skill_gain_only(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    p7 = cohort[6]
    Enrolment.objects.filter(pk=p7.pk).update(status=EnrolmentStatus.ENROLLED, left_on=None)

    table = _table(users_by_role[Role.ADMIN])

    assert (table.total.exiters, table.total.participants) == (8, 9)
    assert _figures(table.total)["skill_gain"] == (7, 9)  # P7 still without a gain
    assert _figures(table.total)["employment_q2"] == (6, 7)  # P7 no longer an exiter


def test_a_period_without_exiters_gives_an_empty_table(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    long_ago = datetime.date(Y - 5, 1, 1)
    table = _table(users_by_role[Role.ADMIN], exited_from=long_ago, exited_until=long_ago)

    assert table.groups == []
    assert (table.total.exiters, table.total.participants) == (0, 0)
    assert all(cell.denominator == 0 and not cell.suppressed for cell in table.total.cells)


def test_the_table_takes_five_queries_whatever_the_number_of_exiters(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    with CaptureQueriesContext(connection) as one_exiter:
        _table(admin, "kelurahan", exited_from=datetime.date(Y, 1, 1))
    with CaptureQueriesContext(connection) as nine_exiters:
        _table(admin, "kelurahan")

    assert len(one_exiter.captured_queries) == len(nine_exiters.captured_queries) == 5


def test_the_page_shows_each_indicator_with_its_definition(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    response = client_for(users_by_role[Role.ADMIN]).get(
        "/outcomes/",
        {"breakdown": "sex", "exited_from": f"{Y - 1}-01-01", "exited_until": TODAY.isoformat()},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert '75,0% <span class="muted">(6/8)' in page  # Indonesian decimal comma
    assert "Tingkat kerja, triwulan ke-2 setelah keluar" in page
    assert "Pembilang" in page and "Penyebut" in page


def test_the_page_hides_small_numbers_from_a_viewer(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    response = client_for(users_by_role[Role.VIEWER]).get(
        "/outcomes/",
        {"breakdown": "sex", "exited_from": f"{Y - 1}-01-01", "exited_until": TODAY.isoformat()},
    )

    assert response.status_code == 200
    assert "(3/3)" not in response.content.decode()
    assert "—" in response.content.decode()


def test_the_page_of_a_kecamatan_operator_holds_only_their_kelurahan(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    response = client_for(users_by_role[Role.KECAMATAN_OPERATOR]).get(
        "/outcomes/",
        {
            "breakdown": "kelurahan",
            "exited_from": f"{Y - 1}-01-01",
            "exited_until": TODAY.isoformat(),
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-group="{SUKARASA}"' in page and f'data-group="{BABAKAN}"' in page
    assert f'data-group="{KERONCONG}"' not in page
    assert "8 peserta keluar, 8 peserta dalam periode ini." in page


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.EMPLOYER, Role.INSTRUCTOR])
def test_people_outside_the_programme_office_cannot_open_the_page(
    users_by_role: dict[str, User], role: str
) -> None:
    assert client_for(users_by_role[role]).get("/outcomes/").status_code == 403


def test_a_reversed_period_is_refused_with_a_message(users_by_role: dict[str, User]) -> None:
    response = client_for(users_by_role[Role.ADMIN]).get(
        "/outcomes/",
        {"breakdown": "sex", "exited_from": "2026-05-01", "exited_until": "2026-01-01"},
    )

    assert response.status_code == 400
    assert "Awal periode tidak boleh setelah akhirnya." in response.content.decode()


def test_the_api_gives_the_same_table_with_definitions(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    response = bearer(users_by_role[Role.VIEWER]).get(
        "/api/v1/placement/indicators/",
        {"breakdown": "sex", "exited_from": f"{Y - 1}-01-01", "exited_until": TODAY.isoformat()},
    )

    assert response.status_code == 200
    body = response.json()
    assert [item["code"] for item in body["definitions"]][:2] == ["employment_q2", "employment_q4"]
    employment = body["total"]["cells"][0]
    assert (employment["numerator"], employment["denominator"], employment["percent"]) == (
        6,
        8,
        75.0,
    )
    women = next(group for group in body["groups"] if group["key"] == "P")
    assert (women["exiters"], women["participants"]) == (None, None)
    assert women["cells"][0] == {
        "code": "employment_q2",
        "numerator": None,
        "denominator": None,
        "percent": None,
        "band": None,
        "suppressed": True,
    }


def test_the_api_refuses_an_unknown_breakdown(users_by_role: dict[str, User]) -> None:
    response = bearer(users_by_role[Role.ADMIN]).get(
        "/api/v1/placement/indicators/", {"breakdown": "religion"}
    )

    assert response.status_code == 422


def test_the_api_refuses_a_reversed_period(users_by_role: dict[str, User]) -> None:
    response = bearer(users_by_role[Role.ADMIN]).get(
        "/api/v1/placement/indicators/", {"exited_from": "2026-05-01", "exited_until": "2026-01-01"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "period_reversed"


def test_no_hidden_figure_can_be_worked_out_from_the_total_and_the_groups_shown(
    cohort: list[Enrolment], users_by_role: dict[str, User]
) -> None:
    for breakdown in ("sex", "kelurahan", "priority"):
        table = _table(users_by_role[Role.VIEWER], breakdown)
        for position, definition in enumerate(table.definitions):
            hidden = [group.cells[position].suppressed for group in table.groups]
            assert hidden.count(True) != 1, (breakdown, definition.code)
        for attribute in ("exiters_hidden", "participants_hidden"):
            hidden = [getattr(group, attribute) for group in table.groups]
            assert hidden.count(True) != 1, (breakdown, attribute)
