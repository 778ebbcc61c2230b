"""Channelling graduates into work: employers and their vacancies, the virtual job fair,
graduates' applications and interviews, placements (whatever the route to them), and the
tracer surveys that follow every graduate to an outcome.

A graduate is a completed training enrolment; everything here that concerns a person hangs on
the registry's person and, where it matters which training it follows, on the enrolment.
Employers act for a company; a company and its vacancies are verified by an admin before the
public sees them. Money (wages) is integer Rupiah; incomes people report are bands, not sums.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balai.catalogue.models import Programme
from balai.core.models import TimeStampedModel
from balai.regions.models import Kelurahan
from balai.registry.models import Person
from balai.training.models import Certificate, Enrolment


class Sector(models.TextChoices):
    """Business sectors, after the sections of KBLI (Indonesia's ISIC) that graduates meet."""

    MANUFACTURING = "manufacturing", _("Manufacturing")
    TRADE = "trade", _("Wholesale and retail trade")
    FOOD = "food", _("Food and beverage")
    ACCOMMODATION = "accommodation", _("Accommodation")
    TRANSPORT = "transport", _("Transport and logistics")
    INFORMATION = "information", _("Information and communication")
    FINANCE = "finance", _("Finance and insurance")
    CONSTRUCTION = "construction", _("Construction")
    AUTOMOTIVE = "automotive", _("Vehicle repair")
    BEAUTY = "beauty", _("Beauty and personal care")
    GARMENT = "garment", _("Garment and textiles")
    HEALTH = "health", _("Health and social work")
    EDUCATION = "education", _("Education")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", _("Other services")


class CompanyStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class Company(TimeStampedModel):
    """An employer: registered by its own people, verified by an admin before it may publish
    vacancies or see applicants."""

    name = models.CharField(_("company name"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    # Nomor Induk Berusaha: 13 digits, optional (micro businesses often have none yet).
    nib = models.CharField(_("business number (NIB)"), max_length=13, blank=True)
    address = models.CharField(_("address"), max_length=250)
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a company outside the city."),
    )
    description = models.TextField(_("about the company"), blank=True)
    logo = models.FileField(_("logo"), upload_to="placement/logos/", blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_phone = models.CharField(_("contact phone"), max_length=16)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CompanyStatus.choices, default=CompanyStatus.PENDING
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The registration form's signed key: a form sent twice (a double click) makes one company.
    registration_key = models.CharField(_("registration key"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nib"], condition=~Q(nib=""), name="company_nib_unique"
            ),
            models.CheckConstraint(
                condition=Q(nib="") | Q(nib__regex=r"^[0-9]{13}$"), name="company_nib_13_digits"
            ),
            models.UniqueConstraint(
                fields=["registration_key"],
                condition=~Q(registration_key=""),
                name="company_registration_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="company_queue_idx")]

    def __str__(self) -> str:
        return self.name


class CompanyMember(models.Model):
    """A user account that acts for a company. An employer account belongs to one company;
    a manager may add and remove the company's other members."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="company_membership",
    )
    is_manager = models.BooleanField(_("manages the company's members"), default=False)
    # Where the company reaches this member; the account itself has no phone.
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")

    def __str__(self) -> str:
        return f"{self.user_id} for {self.company_id}"


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting verification")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")


class Vacancy(TimeStampedModel):
    """A job a company offers: published only once an admin has verified it, open to
    applications until its deadline or until the company closes it."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="vacancies"
    )
    title = models.CharField(_("job title"), max_length=150)
    description = models.TextField(_("description"))
    programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("programmes wanted"),
        blank=True,
        related_name="+",
        help_text=_("Graduates of these programmes are recommended first."),
    )
    skills = models.CharField(_("skills wanted"), max_length=300, blank=True)
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan of the workplace"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.CharField(_("workplace address"), max_length=250, blank=True)
    wage_min = models.PositiveIntegerField(_("lowest monthly wage (Rp)"), null=True, blank=True)
    wage_max = models.PositiveIntegerField(_("highest monthly wage (Rp)"), null=True, blank=True)
    openings = models.PositiveSmallIntegerField(_("openings"), default=1)
    deadline = models.DateField(_("apply by"))
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    # When it last went to the admins' queue: the queue is worked oldest first.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-published_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(openings__gte=1), name="vacancy_openings_positive"),
            models.CheckConstraint(
                condition=Q(wage_min__isnull=True)
                | Q(wage_max__isnull=True)
                | Q(wage_min__lte=F("wage_max")),
                name="vacancy_wage_range_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="vacancy_published_at_when_published",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="vacancy_open_idx"),
            models.Index(fields=["company", "status"], name="vacancy_company_idx"),
            # The public search, newest first, and the admins' queue, oldest first.
            models.Index(fields=["status", "-published_at"], name="vacancy_published_idx"),
            models.Index(fields=["status", "submitted_at"], name="vacancy_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class JobFair(TimeStampedModel):
    """A virtual job fair: an event with dates at which verified companies hold booths."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="job_fair_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Booth(models.Model):
    """A company's place at a job fair: its description there and the vacancies it shows."""

    job_fair = models.ForeignKey(
        JobFair, verbose_name=_("job fair"), on_delete=models.CASCADE, related_name="booths"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="booths"
    )
    description = models.TextField(_("what the booth offers"), blank=True)
    vacancies = models.ManyToManyField(
        Vacancy, verbose_name=_("vacancies shown"), blank=True, related_name="booths"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [
            models.UniqueConstraint(fields=["job_fair", "company"], name="booth_one_per_company")
        ]

    def __str__(self) -> str:
        return f"{self.company_id} at {self.job_fair_id}"


class FairVisit(models.Model):
    """One visitor on one day at a job fair (or a booth): the top of the fair's funnel.

    A visitor is a signed-in user or, for the public, a keyed hash of the session; counted
    once a day, so reloading a page does not add visitors."""

    job_fair = models.ForeignKey(
        JobFair, verbose_name=_("job fair"), on_delete=models.CASCADE, related_name="visits"
    )
    booth = models.ForeignKey(
        Booth,
        verbose_name=_("booth"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="visits",
    )
    visitor_key = models.CharField(_("visitor"), max_length=64)
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("job fair visit")
        verbose_name_plural = _("job fair visits")
        # Two partial constraints rather than one with NULLS NOT DISTINCT, which SQLite
        # does not have: a fair-wide visit (no booth) and a booth visit each count once.
        constraints = [
            models.UniqueConstraint(
                fields=["job_fair", "visitor_key", "day"],
                condition=Q(booth__isnull=True),
                name="fair_visit_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["booth", "visitor_key", "day"],
                condition=Q(booth__isnull=False),
                name="booth_visit_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visitor_key[:8]} at {self.job_fair_id} on {self.day}"


class JobPreference(TimeStampedModel):
    """What a graduate looks for, and whether every verified employer may see their profile
    (otherwise only the companies they applied to or shared it with)."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="job_preference"
    )
    wants_wage_employment = models.BooleanField(_("looking for a job"), default=True)
    wants_self_employment = models.BooleanField(_("starting a business"), default=False)
    max_distance_km = models.PositiveSmallIntegerField(
        _("farthest distance to work (km)"), null=True, blank=True
    )
    min_wage = models.PositiveIntegerField(
        _("lowest acceptable monthly wage (Rp)"), null=True, blank=True
    )
    sectors = models.JSONField(_("sectors of interest"), default=list, blank=True)
    visible_to_all_employers = models.BooleanField(
        _("every verified employer may see my profile"), default=False
    )

    class Meta:
        verbose_name = _("job preference")
        verbose_name_plural = _("job preferences")

    def __str__(self) -> str:
        return f"preferences of {self.person_id}"


class ProfileShare(models.Model):
    """A graduate's consent that one company sees their profile (name, training record,
    certificates, phone). Applying to a company's vacancy shares with that company."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="profile_shares"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="shares"
    )
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("profile shared")
        verbose_name_plural = _("profiles shared")
        constraints = [
            models.UniqueConstraint(fields=["person", "company"], name="profile_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} shared with {self.company_id}"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview booked")
    HIRED = "hired", _("Hired")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JobApplication(models.Model):
    """A graduate's application to a vacancy, with the training record it rests on."""

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="applications"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="job_applications",
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("training record"),
        on_delete=models.PROTECT,
        related_name="job_applications",
    )
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    job_fair = models.ForeignKey(
        JobFair,
        verbose_name=_("job fair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    note = models.CharField(_("note to the employer"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
    )
    status_changed_at = models.DateTimeField(_("status changed at"))
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "person"], name="job_application_once")
        ]
        indexes = [
            models.Index(fields=["vacancy", "status"], name="job_application_vacancy_idx"),
            models.Index(fields=["job_fair", "status"], name="job_application_fair_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} for {self.vacancy_id} ({self.status})"


class InterviewSlot(models.Model):
    """A one-to-one interview time a company offers for a vacancy, in person or by video."""

    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacancy"),
        on_delete=models.CASCADE,
        related_name="interview_slots",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    video_link = models.URLField(_("video-call link"), blank=True)
    location = models.CharField(_("place"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="interview_slot_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id} at {self.starts_at:%Y-%m-%d %H:%M}"


class InterviewOutcome(models.TextChoices):
    PENDING = "", _("Not yet recorded")
    HIRED = "hired", _("Hired")
    NOT_SELECTED = "not_selected", _("Not selected")
    NO_SHOW = "no_show", _("Did not come")


class InterviewBooking(models.Model):
    """A graduate's booking of an interview slot. A slot holds one booking that is not
    cancelled, and an application one (database constraints: never double-booked)."""

    slot = models.ForeignKey(
        InterviewSlot, verbose_name=_("slot"), on_delete=models.CASCADE, related_name="bookings"
    )
    application = models.ForeignKey(
        JobApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="interview_bookings",
    )
    booked_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=InterviewOutcome.choices, blank=True, default=""
    )
    outcome_note = models.CharField(_("note"), max_length=500, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("interview booking")
        verbose_name_plural = _("interview bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(cancelled_at__isnull=True),
                name="interview_slot_booked_once",
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(cancelled_at__isnull=True),
                name="interview_one_booking_per_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} at {self.slot_id}"


class Recruitment(TimeStampedModel):
    """Local recruitment by a kecamatan or kelurahan operator: local work or a government
    programme that takes graduates of their area. Those chosen become placements."""

    class Kind(models.TextChoices):
        LOCAL_WORK = "local_work", _("Local work")
        GOVERNMENT_PROGRAMME = "government", _("Government programme")

    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    employer_name = models.CharField(_("employer or programme"), max_length=150)
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the work is; graduates of your area are proposed."),
    )
    openings = models.PositiveSmallIntegerField(_("openings"), default=1)
    starts_on = models.DateField(_("starts on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("local recruitment")
        verbose_name_plural = _("local recruitments")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(openings__gte=1), name="recruitment_openings_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlacementKind(models.TextChoices):
    WAGE_EMPLOYMENT = "wage", _("Wage employment")
    SELF_EMPLOYMENT = "self", _("Self-employment")
    BUSINESS_GROUP = "group", _("Business group")
    FURTHER_TRAINING = "training", _("Further training")


class PlacementChannel(models.TextChoices):
    """How the graduate got there: what the programme can claim credit for."""

    VACANCY = "vacancy", _("Vacancy or job fair")
    LOCAL_RECRUITMENT = "local", _("Local recruitment")
    OPERATOR = "operator", _("Recorded by an operator")
    SURVEY = "survey", _("Reported in a tracer survey")
    # The graduate's own word, from their account: kept apart from what staff recorded, so
    # that indicators can tell claims the programme checked from those it did not.
    SELF_REPORTED = "self", _("Reported by the graduate")


class MonthlyIncomeBand(models.TextChoices):
    """A graduate's own monthly income from the placement, in Rupiah. Ordered: the median
    band of a cohort is read off this order."""

    NOT_ANSWERED = "", _("Not answered")
    BELOW_1M = "below_1m", _("Below Rp1 million")
    FROM_1M_TO_2M = "1m_2m", _("Rp1-2 million")
    FROM_2M_TO_3M = "2m_3m", _("Rp2-3 million")
    FROM_3M_TO_4M = "3m_4m", _("Rp3-4 million")
    FROM_4M_TO_5M = "4m_5m", _("Rp4-5 million")
    ABOVE_5M = "above_5m", _("Above Rp5 million")


class Placement(TimeStampedModel):
    """A graduate's outcome: a job, a business of their own, a business group, or further
    training, from a start date; ended when they leave it."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="placements"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("training it follows"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=PlacementKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=PlacementChannel.choices)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    employer_name = models.CharField(_("employer, business or institution"), max_length=150)
    application = models.OneToOneField(
        JobApplication,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
    )
    recruitment = models.ForeignKey(
        Recruitment,
        verbose_name=_("local recruitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ended on"), null=True, blank=True)
    income_band = models.CharField(
        _("monthly income"),
        max_length=8,
        choices=MonthlyIncomeBand.choices,
        blank=True,
        default="",
    )
    evidence = models.FileField(_("evidence"), upload_to="placement/evidence/", blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="placement_ends_after_start",
            ),
            # A graduate is chosen once in a local recruitment, however often they are
            # proposed (double-clicks and two operators at once included).
            models.UniqueConstraint(
                fields=["recruitment", "person"],
                condition=Q(recruitment__isnull=False),
                name="placement_once_per_recruitment",
            ),
        ]
        indexes = [models.Index(fields=["kind", "starts_on"], name="placement_kind_idx")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.kind} from {self.starts_on}"


class SurveyWave(models.Model):
    """When graduates are asked: a number of months after they finished (0 is at exit).
    The waves are configuration; an admin may add or stop one."""

    months_after_exit = models.PositiveSmallIntegerField(_("months after training"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    link_valid_days = models.PositiveSmallIntegerField(_("link valid for (days)"), default=30)
    reminder_after_days = models.PositiveSmallIntegerField(_("remind after (days)"), default=7)

    class Meta:
        verbose_name = _("survey wave")
        verbose_name_plural = _("survey waves")
        ordering = ["months_after_exit"]

    def __str__(self) -> str:
        return f"+{self.months_after_exit}"


class SurveyInvitation(models.Model):
    """One graduate's invitation to one wave: a personal link (a single-use token, stored as
    a keyed hash) that needs no sign-in and expires."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("graduate"),
        on_delete=models.PROTECT,
        related_name="survey_invitations",
    )
    wave = models.ForeignKey(
        SurveyWave, verbose_name=_("wave"), on_delete=models.PROTECT, related_name="invitations"
    )
    due_on = models.DateField(_("due on"))
    token_hash = models.CharField(_("link token hash"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires at"))
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    used_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "wave"], name="survey_invitation_once")
        ]
        indexes = [models.Index(fields=["wave", "used_at"], name="survey_invitation_wave_idx")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} in wave {self.wave_id}"


class SurveyEmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("Working for an employer")
    SELF_EMPLOYED = "self", _("Running my own business")
    BUSINESS_GROUP = "group", _("Working in a business group")
    FURTHER_TRAINING = "training", _("In further training or school")
    LOOKING = "looking", _("Not working, looking for work")
    NOT_LOOKING = "not_looking", _("Not working, not looking")


class JobRelevance(models.TextChoices):
    NOT_APPLICABLE = "", _("Not working")
    CLOSELY = "closely", _("Uses what I learned a lot")
    PARTLY = "partly", _("Uses some of it")
    NOT_AT_ALL = "not", _("Does not use it")


class BusinessStatus(models.TextChoices):
    NOT_APPLICABLE = "", _("No business")
    PLANNING = "planning", _("Planning a business")
    STARTED = "started", _("Started, under a year")
    RUNNING = "running", _("Running for a year or more")
    STOPPED = "stopped", _("Stopped")


class SurveyResponse(models.Model):
    """A graduate's answer to one wave. Answers are facts as the graduate states them; a
    placement reported here is recorded as a placement too (channel: survey)."""

    invitation = models.OneToOneField(
        SurveyInvitation,
        verbose_name=_("invitation"),
        on_delete=models.PROTECT,
        related_name="response",
    )
    employment_status = models.CharField(
        _("what are you doing now?"), max_length=12, choices=SurveyEmploymentStatus.choices
    )
    employer_name = models.CharField(_("employer or business"), max_length=150, blank=True)
    same_employer_as_before = models.BooleanField(
        _("same employer as at the last survey"), null=True, blank=True
    )
    job_relevance = models.CharField(
        _("does the work use your training?"),
        max_length=8,
        choices=JobRelevance.choices,
        blank=True,
        default="",
    )
    income_band = models.CharField(
        _("monthly income"),
        max_length=8,
        choices=MonthlyIncomeBand.choices,
        blank=True,
        default="",
    )
    business_status = models.CharField(
        _("your business"), max_length=8, choices=BusinessStatus.choices, blank=True, default=""
    )
    further_training = models.BooleanField(_("in further training since"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"answer to {self.invitation_id}"
