"""Business groups: graduates who pool their work and capital, with a leader and a treasurer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balai.core.models import TimeStampedModel
from balai.regions.models import Kelurahan
from balai.registry.models import Person
from balai.training.models import Enrolment


class BusinessType(models.TextChoices):
    FOOD = "food", _("Food and drink")
    FASHION = "fashion", _("Fashion and sewing")
    CRAFT = "craft", _("Crafts")
    BEAUTY = "beauty", _("Beauty and wellness")
    SERVICES = "services", _("Services and repairs")
    TRADE = "trade", _("Shop and trade")
    AGRICULTURE = "agriculture", _("Farming and fisheries")
    DIGITAL = "digital", _("Digital and creative")
    OTHER = "other", _("Other")


class GroupStatus(models.TextChoices):
    # Forming until it has its least number of members, a leader and a treasurer.
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    DISSOLVED = "dissolved", _("Dissolved")


class BusinessGroup(TimeStampedModel):
    """A business group (kelompok usaha) of one kelurahan."""

    name = models.CharField(_("name"), max_length=150)
    business_type = models.CharField(
        _("kind of business"), max_length=12, choices=BusinessType.choices
    )
    business_plan = models.TextField(_("business plan"), blank=True)
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="business_groups",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.FORMING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("business group")
        verbose_name_plural = _("business groups")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class GroupRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Member")


class GroupMembership(models.Model):
    """A person's time in a group, in one role. Leaving ends the row (`left_on`); a change
    of role ends it and starts another, so the rows are the group's history."""

    group = models.ForeignKey(
        BusinessGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    # The training that brought them to the group, when they are a graduate.
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("training"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "joined_on", "pk"]
        constraints = [
            # Joint liability: a person answers for one group's loans at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(left_on__isnull=True),
                name="group_membership_one_group_at_a_time",
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(left_on__isnull=True, role="leader"),
                name="group_membership_one_leader",
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(left_on__isnull=True, role="treasurer"),
                name="group_membership_one_treasurer",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="group_membership_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.person_id} ({self.role})"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class BusinessInterest(TimeStampedModel):
    """A person's wish to start or join a business: what group suggestions are made from."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="business_interest",
    )
    business_type = models.CharField(
        _("kind of business"), max_length=12, choices=BusinessType.choices
    )
    wants_group = models.BooleanField(_("wants to join a group"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("business interest")
        verbose_name_plural = _("business interests")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.business_type}"
