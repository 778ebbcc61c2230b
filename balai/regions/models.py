"""Kemendagri administrative regions, each keyed by its official dotted code.

Names change between regulations (Batujaya / Batu Jaya) and repeat across the country, so a
region is never found by its name alone; `name_key` supports tolerant search within a parent.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Regency(models.Model):
    """A kabupaten or kota (code PP.KK; KK 71 and above is a kota)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="regencies"
    )

    class Meta:
        verbose_name = _("regency or city")
        verbose_name_plural = _("regencies and cities")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Kecamatan(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    name_key = models.CharField(_("name key"), max_length=100, db_index=True)
    regency = models.ForeignKey(
        Regency,
        verbose_name=_("regency or city"),
        on_delete=models.PROTECT,
        related_name="kecamatan_set",
    )

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class KelurahanKind(models.TextChoices):
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")
    DESA_ADAT = "desa_adat", _("Desa adat")


class Kelurahan(models.Model):
    """A kelurahan or desa (code PP.KK.CC.NNNN; N starting 1 kelurahan, 2 desa, 3 desa adat)."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    name_key = models.CharField(_("name key"), max_length=100, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=KelurahanKind.choices)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        related_name="kelurahan_set",
    )
    # Where its office is, for measuring instructors' travel; entered or imported.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
