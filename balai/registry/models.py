"""The person registry: one row per resident, keyed by an encrypted, hashed NIK.

The NIK is kept three ways, each for one purpose: encrypted (to reveal it to an admin, with
an audit entry), as a keyed hash (to find and deduplicate it), and masked (to show it).
The NIK's region prefix is where the person first registered, not where they live: the
declared domicile is `domicile_kelurahan`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import TimeStampedModel
from balai.regions.models import Kelurahan


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Person(TimeStampedModel):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    nik_encrypted = models.TextField(_("NIK (encrypted)"))
    nik_hash = models.CharField(_("NIK look-up hash"), max_length=64, unique=True)
    nik_masked = models.CharField(_("NIK"), max_length=16)
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    domicile_kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("domicile kelurahan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["full_name", "id"]
        indexes = [models.Index(fields=["domicile_kelurahan", "full_name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nik_masked})"
