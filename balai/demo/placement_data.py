"""The demo's channelling of graduates into work: employers (one awaiting verification), their
vacancies (one awaiting verification), a job fair on now with booths, the finished batch's
graduates applying, interviewing and being hired, local recruitment, and the first tracer
survey answered by some of them.

Everything goes through the services, as people would do it, in the order they would: an
employer registers, an admin verifies it, the employer posts vacancies, the admin verifies
those, graduates apply. The demo's own "perusahaan" login acts for the first company.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from balai.accounts.models import User
from balai.accounts.services import participant_account_create
from balai.catalogue.models import Programme
from balai.demo.randomness import RandomStreams
from balai.placement.applications import job_application_decide, job_application_submit
from balai.placement.company_verification import company_verify
from balai.placement.employers import CompanyDetails, company_register
from balai.placement.fairs import booth_add, booth_update, job_fair_create
from balai.placement.interviews import (
    interview_book,
    interview_outcome_record,
    interview_slot_create,
)
from balai.placement.models import (
    ApplicationStatus,
    Company,
    CompanyMember,
    InterviewOutcome,
    InterviewSlot,
    JobApplication,
    JobFair,
    Recruitment,
    Sector,
    SurveyEmploymentStatus,
    SurveyInvitation,
    SurveyWave,
    Vacancy,
)
from balai.placement.recruitment import recruitment_create, recruitment_select
from balai.placement.tracer import survey_invitations_create, survey_token_hash
from balai.placement.tracer_answers import SurveyAnswers, survey_answer
from balai.placement.tracer_waves import survey_wave_create
from balai.placement.vacancies import vacancy_create, vacancy_verify
from balai.placement.vacancy_input import VacancyInput
from balai.regions.models import Kelurahan
from balai.registry.models import Person
from balai.registry.services import person_link_account
from balai.training.models import Enrolment, EnrolmentStatus
from balai.training.selectors import graduate_list

# (name, sector, programme codes its vacancies want, job titles)
COMPANIES = [
    ("PT Boga Rasa Nusantara", Sector.FOOD, ["tata-boga"], ["Juru masak", "Asisten dapur"]),
    ("CV Jahit Rapi", Sector.GARMENT, ["menjahit"], ["Penjahit", "Operator obras"]),
    ("PT Sinar Otomotif", Sector.AUTOMOTIVE, ["servis-sepeda-motor"], ["Mekanik motor"]),
    (
        "Salon Cantik Sejahtera",
        Sector.BEAUTY,
        ["tata-rias", "pangkas-rambut"],
        ["Penata rias", "Kapster"],
    ),
    ("PT Data Cipta Digital", Sector.INFORMATION, ["desain-grafis"], ["Desainer grafis"]),
    ("Hotel Cisadane Indah", Sector.ACCOMMODATION, ["tata-boga"], ["Staf dapur hotel"]),
]
WAITING_COMPANY = ("UD Kue Bu Sari", Sector.FOOD)


# Of the graduates who apply: one in two shortlisted, of those one in two interviewed, and of
# those two in three hired.
HIRED_OF_INTERVIEWED = (2, 3)


@dataclass(frozen=True)
class DemoPlacement:
    companies: int
    vacancies: int
    applications: int
    hires: int
    survey_answers: int


@transaction.atomic
def demo_placement(
    *,
    users: dict[str, User],
    kelurahan: list[Kelurahan],
    programmes: list[Programme],
    streams: RandomStreams,
    password: str,
) -> DemoPlacement:
    """Made once: a later seed finds the companies and leaves them."""
    if Company.objects.exists():
        return DemoPlacement(Company.objects.count(), Vacancy.objects.count(), 0, 0, 0)
    admin = users["admin"]
    companies = _companies(users, kelurahan, streams, password, admin)
    vacancies = _vacancies(companies, kelurahan, programmes, streams, admin)
    job_fair = _job_fair(companies, vacancies)
    employers = {company.pk: employer for company, employer in companies}
    applications = _applications(users, vacancies, job_fair, streams)
    hires = _interviews_and_hires(applications, employers)
    _local_recruitment(users["operator.kelurahan"], users["peserta"], kelurahan[0])
    answers = _survey_answers(streams)
    return DemoPlacement(len(companies), len(vacancies), len(applications), hires, answers)


def _companies(
    users: dict[str, User],
    kelurahan: list[Kelurahan],
    streams: RandomStreams,
    password: str,
    admin: User,
) -> list[tuple[Company, User]]:
    """The verified companies with the account that posts their vacancies (the demo's
    "perusahaan" login for the first), and one company left in the admin's queue."""
    made = []
    for number, (name, sector, _codes, _titles) in enumerate(COMPANIES):
        registration = company_register(
            details=_details(name, sector, kelurahan[number % len(kelurahan)], streams),
            username=f"hrd.{number + 1}",
            password=password,
            registration_key=f"demo-company-{number + 1}",
        )
        made.append((company_verify(company=registration.company, actor=admin), registration.user))
    # The printed employer login joins the first company as its manager.
    first_company, _first_user = made[0]
    CompanyMember.objects.create(company=first_company, user=users["perusahaan"], is_manager=True)
    made[0] = (first_company, users["perusahaan"])
    name, sector = WAITING_COMPANY
    company_register(
        details=_details(name, sector, kelurahan[-1], streams),
        username="hrd.baru",
        password=password,
        registration_key="demo-company-waiting",
    )
    return made


def _details(name: str, sector: str, place: Kelurahan, streams: RandomStreams) -> CompanyDetails:
    faker = streams.faker
    return CompanyDetails(
        name=name,
        sector=sector,
        address=faker.street_address(),
        kelurahan=place,
        description=f"{name} membuka lowongan bagi lulusan pelatihan kelurahan.",
        contact_name=faker.name(),
        contact_phone=f"0812{streams.chooser.randrange(10**7, 10**8)}",
        contact_email=f"hrd@{name.lower().replace(' ', '')[:20]}.demo.balai.local",
    )


def _vacancies(
    companies: list[tuple[Company, User]],
    kelurahan: list[Kelurahan],
    programmes: list[Programme],
    streams: RandomStreams,
    admin: User,
) -> list[Vacancy]:
    by_code = {programme.code: programme for programme in programmes}
    today = timezone.localdate()
    made = []
    for (company, employer), (_name, _sector, codes, titles) in zip(
        companies, COMPANIES, strict=True
    ):
        for title in titles:
            low = streams.chooser.choice([2_800_000, 3_200_000, 3_600_000, 4_000_000])
            vacancy = vacancy_create(
                employer=employer,
                data=VacancyInput(
                    title=title,
                    description=f"{title} di {company.name}. Lulusan pelatihan diutamakan.",
                    deadline=today + datetime.timedelta(days=streams.chooser.randint(14, 45)),
                    programme_ids=[by_code[code].pk for code in codes if code in by_code],
                    kelurahan_code=company.kelurahan_id or kelurahan[0].code,
                    wage_min=low,
                    wage_max=low + 1_000_000,
                    openings=streams.chooser.randint(1, 4),
                ),
                submit=True,
            )
            made.append(vacancy_verify(vacancy=vacancy, admin=admin))
    # One more, submitted and waiting for the admin.
    company, employer = companies[0]
    vacancy_create(
        employer=employer,
        data=VacancyInput(
            title="Pramusaji",
            description="Melayani tamu restoran; lulusan tata boga diutamakan.",
            deadline=today + datetime.timedelta(days=30),
            kelurahan_code=company.kelurahan_id or kelurahan[0].code,
            wage_min=3_000_000,
            wage_max=3_500_000,
        ),
        submit=True,
    )
    return made


def _job_fair(companies: list[tuple[Company, User]], vacancies: list[Vacancy]) -> JobFair:
    """A virtual job fair on this week, every verified company at a booth showing its
    vacancies."""
    today = timezone.localdate()
    job_fair = job_fair_create(
        name="Bursa Kerja Virtual Kota Tangerang",
        description="Lowongan bagi lulusan pelatihan kelurahan, dengan wawancara daring.",
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=5),
    )
    for company, employer in companies:
        booth = booth_add(job_fair=job_fair, company=company)
        booth_update(
            booth=booth,
            user=employer,
            description=f"Temui tim rekrutmen {company.name}.",
            vacancies=[vacancy for vacancy in vacancies if vacancy.company_id == company.pk],
        )
    return job_fair


def _applications(
    users: dict[str, User], vacancies: list[Vacancy], job_fair: JobFair, streams: RandomStreams
) -> list[JobApplication]:
    """Two in three graduates apply from the fair, to a vacancy that wants their programme if
    there is one. The demo's own participant is left to apply themself."""
    graduates = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).select_related(
        "person__user", "training_class"
    )
    made = []
    for enrolment in graduates.exclude(person__user=users["peserta"]).order_by("pk"):
        if streams.chooser.random() > 2 / 3:
            continue
        user = enrolment.person.user or _account_claimed(enrolment.person)
        wanted = [
            vacancy
            for vacancy in vacancies
            if enrolment.training_class.programme_id
            in {programme.pk for programme in vacancy.programmes.all()}
        ]
        vacancy = streams.chooser.choice(wanted or vacancies)
        made.append(
            job_application_submit(
                user=user,
                vacancy_id=vacancy.pk,
                enrolment_id=enrolment.pk,
                job_fair_id=job_fair.pk,
            )
        )
    return made


def _account_claimed(person: Person) -> User:
    """The account a graduate made for themself before applying (the finished batch's
    residents were registered by the office, without one)."""
    user = participant_account_create(full_name=person.full_name, phone=person.phone)
    person_link_account(person=person, user=user)
    return user


def _interviews_and_hires(applications: list[JobApplication], employers: dict[int, User]) -> int:
    """Employers shortlist every other applicant and offer interviews; those interviewed
    yesterday (history compressed: the slots are moved back once booked) are two in three
    hired, and the rest wait for their interview tomorrow."""
    tomorrow_morning = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    tomorrow_morning += datetime.timedelta(days=1)
    hires = 0
    for number, application in enumerate(applications[::2]):
        employer = employers[application.vacancy.company_id]
        job_application_decide(
            user=employer, application_id=application.pk, status=ApplicationStatus.SHORTLISTED
        )
        if number % 2:
            continue  # shortlisted, yet to book a time
        starts_at = tomorrow_morning + datetime.timedelta(minutes=30 * number)
        slot = interview_slot_create(
            vacancy=application.vacancy,
            user=employer,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=30),
            video_link="https://meet.example.id/wawancara-demo",
        )
        graduate = application.person.user
        assert graduate is not None  # noqa: S101  # they applied through their account
        booking = interview_book(application=application, slot_id=slot.pk, user=graduate)
        if number % 4 == 2:
            continue  # interviewed tomorrow
        InterviewSlot.objects.filter(pk=slot.pk).update(
            starts_at=starts_at - datetime.timedelta(days=2),
            ends_at=starts_at - datetime.timedelta(days=2, minutes=-30),
        )
        booking.refresh_from_db()
        hired = hires * HIRED_OF_INTERVIEWED[1] < (hires + 1) * HIRED_OF_INTERVIEWED[0]
        interview_outcome_record(
            booking=booking,
            user=employer,
            outcome=InterviewOutcome.HIRED if hired else InterviewOutcome.NOT_SELECTED,
            starts_on=timezone.localdate() + datetime.timedelta(days=7),
        )
        hires += hired
    return hires


def _local_recruitment(operator: User, participant: User, place: Kelurahan) -> None:
    """The kelurahan operator recruits two graduates of their area for the kelurahan's own
    programme: not the demo's own participant, who is left to apply and be hired themself
    (and then counted on the homes)."""
    recruitment = recruitment_create(
        by=operator,
        title="Petugas kebersihan taman kelurahan",
        kind=Recruitment.Kind.GOVERNMENT_PROGRAMME,
        employer_name=f"Kelurahan {place.name}",
        kelurahan=place,
        openings=2,
        starts_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    graduates = (
        graduate_list(user=operator)
        .filter(placements=None)
        .exclude(person__user=participant)
        .order_by("pk")[:2]
    )
    recruitment_select(
        recruitment=recruitment,
        enrolment_ids=[enrolment.pk for enrolment in graduates],
        by=operator,
    )


def _survey_answers(streams: RandomStreams) -> int:
    """The finished batch's graduates are invited to the survey at exit; some answer it.

    A graduate answers through the link in their message; the demo stands in for them by
    giving each chosen invitation a link of its own (as a reminder would) and answering it."""
    if not SurveyWave.objects.exists():
        # The waves the first migration adds; a database emptied since (as tests empty it)
        # has none, and the demo shows the survey at exit.
        for months in (0, 3, 6, 12):
            survey_wave_create(months_after_exit=months, link_valid_days=30, reminder_after_days=7)
    survey_invitations_create()
    invitations = list(SurveyInvitation.objects.order_by("pk"))
    answered = 0
    for invitation in invitations[: len(invitations) * 2 // 3]:
        token = secrets.token_urlsafe(16)
        SurveyInvitation.objects.filter(pk=invitation.pk).update(
            token_hash=survey_token_hash(token)
        )
        survey_answer(token=token, answers=_answers(streams))
        answered += 1
    return answered


def _answers(streams: RandomStreams) -> SurveyAnswers:
    status = streams.chooser.choices(
        [
            SurveyEmploymentStatus.EMPLOYED,
            SurveyEmploymentStatus.SELF_EMPLOYED,
            SurveyEmploymentStatus.LOOKING,
            SurveyEmploymentStatus.FURTHER_TRAINING,
        ],
        weights=[4, 3, 4, 1],
    )[0]
    if status == SurveyEmploymentStatus.LOOKING:
        return SurveyAnswers(employment_status=status)
    return SurveyAnswers(
        employment_status=status,
        employer_name=streams.faker.company(),
        job_relevance="closely",
        income_band=streams.chooser.choice(["1m_2m", "2m_3m", "3m_4m"]),
        business_status="started" if status == SurveyEmploymentStatus.SELF_EMPLOYED else "",
    )
