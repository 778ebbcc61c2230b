"""The dashboard pages on the hand-made city of balai.testing.reporting: the drill-down from
the city to a class, each reader's area, freshness and a fixed number of queries."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.models import Job, JobStatus
from balai.reporting.models import AreaSummary, SummaryRefresh
from balai.reporting.refresh import REFRESH_JOB_KIND, summaries_refresh
from balai.testing.allocation import apply
from balai.testing.batches import make_second_batch
from balai.testing.clients import client_for
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA
from balai.testing.reporting import ReportingCity, make_reporting_city

pytestmark = pytest.mark.django_db

KECAMATAN_TANGERANG = "36.71.01"
CITY = ("regency", "36.71")


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> ReportingCity:
    return make_reporting_city(programmes)


def page_of(user: User, level: str, code: str) -> str:
    response = client_for(user).get(reverse("reporting:dashboard_area", args=[level, code]))
    assert response.status_code == 200
    return response.content.decode()


def headline(page: str, name: str) -> str:
    marker = f'data-testid="headline-{name}">'
    return page.split(marker, 1)[1].split("<", 1)[0]


def test_the_city_shows_progress_to_the_target_and_links_down_to_each_kecamatan(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    page = page_of(users_by_role[Role.VIEWER], *CITY)
    assert headline(page, "registered") == "4"
    assert headline(page, "enrolled") == "3"
    assert headline(page, "completed") == "2"
    assert headline(page, "channelled") == "2"
    # 104 kelurahan of 100 participants each, written as Indonesians write thousands.
    assert '<progress max="10400" value="3"' in page
    assert "10.400" in page
    kecamatan_link = reverse("reporting:dashboard_area", args=["kecamatan", KECAMATAN_TANGERANG])
    assert f'href="{kecamatan_link}" data-testid="drill-down"' in page
    assert 'data-testid="export-funnel-xlsx"' in page
    assert 'data-testid="export-ranking-csv"' in page
    assert "<caption>" in page


def test_the_drill_down_reaches_the_class_with_the_same_hand_counted_figures(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    kecamatan = page_of(admin, "kecamatan", KECAMATAN_TANGERANG)
    assert headline(kecamatan, "enrolled") == "3"
    sukarasa_link = reverse("reporting:dashboard_area", args=["kelurahan", SUKARASA])
    assert f'href="{sukarasa_link}" data-testid="drill-down"' in kecamatan
    sukarasa = page_of(admin, "kelurahan", SUKARASA)
    assert headline(sukarasa, "registered") == "4"
    assert '<progress max="100" value="3"' in sukarasa
    assert "3,0%" in sukarasa
    class_link = reverse("reporting:dashboard_area", args=["class", city.class_id])
    assert f'href="{class_link}" data-testid="drill-down"' in sukarasa
    trail = sukarasa.split('data-testid="dashboard-trail"', 1)[1].split("</nav>", 1)[0]
    assert reverse("reporting:dashboard_area", args=list(CITY)) in trail
    the_class = page_of(admin, "class", city.class_id)
    assert 'data-testid="table-class_stages"' in the_class
    # Enrolled 3, completed 2: two thirds of the class.
    assert '<td class="numeric">66,7%</td>' in the_class


def test_a_kelurahan_operator_lands_on_their_kelurahan_and_cannot_open_another(
    city: ReportingCity,
) -> None:
    operator = UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(BABAKAN))
    browser = client_for(operator)
    own = browser.get(reverse("reporting:dashboard")).content.decode()
    assert f"/dashboard/kelurahan/{BABAKAN}/export/" in own
    sukarasa = reverse("reporting:dashboard_area", args=["kelurahan", SUKARASA])
    assert browser.get(sukarasa).status_code == 404
    assert browser.get(reverse("reporting:dashboard_area", args=list(CITY))).status_code == 404


def test_a_kecamatan_operator_ranks_only_their_own_kelurahan(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    page = client_for(users_by_role[Role.KECAMATAN_OPERATOR]).get(reverse("reporting:dashboard"))
    ranking = page.content.decode().split('data-testid="table-ranking"', 1)[1]
    ranking = ranking.split("</details>", 1)[0]
    own = AreaSummary.objects.filter(level="kelurahan", parent_code=KECAMATAN_TANGERANG)
    assert ranking.count('data-testid="drill-down"') == own.count()
    assert f"/dashboard/kelurahan/{SUKARASA}/" in ranking
    assert f"/dashboard/kelurahan/{KERONCONG}/" not in ranking


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.EMPLOYER, Role.INSTRUCTOR])
def test_residents_employers_and_instructors_have_no_dashboard(
    city: ReportingCity, users_by_role: dict[str, User], role: Role
) -> None:
    browser = client_for(users_by_role[role])
    assert browser.get(reverse("reporting:dashboard")).status_code == 403
    city_page = reverse("reporting:dashboard_area", args=list(CITY))
    assert browser.get(city_page).status_code == 403


def test_the_page_costs_the_same_queries_however_many_people_it_counts(
    city: ReportingCity, users_by_role: dict[str, User], django_assert_num_queries: Any
) -> None:
    browser = client_for(users_by_role[Role.ADMIN])
    city_page = reverse("reporting:dashboard_area", args=list(CITY))
    sukarasa = reverse("reporting:dashboard_area", args=["kelurahan", SUKARASA])
    with django_assert_num_queries(CITY_QUERIES):
        browser.get(city_page)
    with django_assert_num_queries(CITY_QUERIES):
        browser.get(sukarasa)
    second = make_second_batch(city.classroom.training_class.batch)
    offerings = list(second.offerings.all())
    for serial in range(101, 111):
        apply(second, serial, SUKARASA if serial % 2 else KERONCONG, offerings[:1])
    summaries_refresh()
    with django_assert_num_queries(CITY_QUERIES):
        page = browser.get(city_page).content.decode()
    with django_assert_num_queries(CITY_QUERIES):
        browser.get(sukarasa)
    assert headline(page, "registered") == "14"


CITY_QUERIES = 9


def test_stale_figures_are_shown_and_queue_exactly_one_refresh(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    SummaryRefresh.objects.update(finished_at=an_hour_ago)
    browser = client_for(users_by_role[Role.VIEWER])
    first = browser.get(reverse("reporting:dashboard")).content.decode()
    browser.get(reverse("reporting:dashboard"))
    assert 'data-testid="dashboard-refreshing"' in first
    assert 'data-testid="dashboard-freshness"' in first
    assert headline(first, "enrolled") == "3"
    assert Job.objects.filter(kind=REFRESH_JOB_KIND).count() == 1


def test_before_the_first_refresh_the_reader_is_told_the_figures_are_being_computed(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    response = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get(
        reverse("reporting:dashboard")
    )
    assert response.status_code == 200
    assert 'data-testid="dashboard-computing"' in response.content.decode()
    assert Job.objects.filter(kind=REFRESH_JOB_KIND).count() == 1


def test_only_an_admin_refreshes_the_figures_and_only_by_post(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    url = reverse("reporting:summaries_refresh")
    for role in (Role.VIEWER, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR):
        assert client_for(users_by_role[role]).post(url).status_code == 403
    admin = client_for(users_by_role[Role.ADMIN])
    assert admin.get(url).status_code == 405
    assert Job.objects.filter(kind=REFRESH_JOB_KIND).count() == 0
    response = admin.post(url)
    job = Job.objects.get(kind=REFRESH_JOB_KIND)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.id])
    assert (
        'data-testid="summaries-refresh"'
        in admin.get(reverse("reporting:dashboard")).content.decode()
    )


def test_homes_link_to_the_dashboard_with_the_headline_figures(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    for role in (Role.ADMIN, Role.VIEWER, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR):
        page = client_for(users_by_role[role]).get("/").content.decode()
        assert 'data-testid="home-dashboard-link"' in page, role
        assert headline(page, "enrolled") == "3", role
        assert f'href="{reverse("reporting:dashboard")}"' in page


def test_the_viewers_home_lists_each_kecamatans_progress_from_the_summaries(
    city: ReportingCity, users_by_role: dict[str, User], django_assert_num_queries: Any
) -> None:
    viewer = client_for(users_by_role[Role.VIEWER])
    viewer.get("/")  # the session and the regency's name are read once, as on any visit
    with django_assert_num_queries(VIEWER_HOME_QUERIES):
        page = viewer.get("/").content.decode()
    tangerang = reverse("reporting:dashboard_area", args=["kecamatan", "36.71.01"])
    row = page.split(f'href="{tangerang}"', 1)[1].split("</tr>", 1)[0]
    # Kecamatan Tangerang: 4 registered, 3 enrolled, a target of 100 per kelurahan.
    assert re.findall(r"<td>([\d.]+)</td>", row)[:2] == ["4", "3"]


VIEWER_HOME_QUERIES = 12


def test_after_a_refresh_failed_readers_do_not_queue_another_until_the_figures_age_again(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    SummaryRefresh.objects.update(finished_at=an_hour_ago)
    Job.objects.create(
        kind=REFRESH_JOB_KIND,
        label="",
        parameters={},
        status=JobStatus.FAILED,
        finished_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    for role in (Role.VIEWER, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR):
        page = client_for(users_by_role[role]).get(reverse("reporting:dashboard")).content.decode()
        assert 'data-testid="dashboard-freshness"' in page
    assert Job.objects.filter(kind=REFRESH_JOB_KIND).count() == 1
    # An admin may still try again at once.
    client_for(users_by_role[Role.ADMIN]).post(reverse("reporting:summaries_refresh"))
    assert Job.objects.filter(kind=REFRESH_JOB_KIND).count() == 2
