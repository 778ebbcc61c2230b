from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.regions.models import Kecamatan, Kelurahan


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator (Disnaker)")
    KECAMATAN_OPERATOR = "kecamatan_operator", _("Kecamatan operator")
    KELURAHAN_OPERATOR = "kelurahan_operator", _("Kelurahan operator")
    INSTRUCTOR = "instructor", _("Instructor")
    PARTICIPANT = "participant", _("Participant")
    EMPLOYER = "employer", _("Employer")
    VIEWER = "viewer", _("Viewer (leadership)")


class User(AbstractUser):
    """A person who signs in. Staff in an area carry that area; others carry none.

    The database itself refuses a kecamatan operator without a kecamatan, a kelurahan
    operator without a kelurahan, and an area on any other role.
    """

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    REQUIRED_FIELDS = ["email", "role"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_area_matches_role",
                condition=(
                    Q(role="kecamatan_operator", kecamatan__isnull=False, kelurahan__isnull=True)
                    | Q(role="kelurahan_operator", kelurahan__isnull=False, kecamatan__isnull=True)
                    | (
                        ~Q(role__in=["kecamatan_operator", "kelurahan_operator"])
                        & Q(kecamatan__isnull=True, kelurahan__isnull=True)
                    )
                ),
                violation_error_message=_(
                    "A kecamatan operator needs a kecamatan, a kelurahan operator a kelurahan, "
                    "and other roles no area."
                ),
            ),
        ]

    @property
    def area_label(self) -> str:
        if self.kelurahan_id:
            return f"{_('Kelurahan')} {self.kelurahan}"
        if self.kecamatan_id:
            return f"{_('Kecamatan')} {self.kecamatan}"
        return ""


class ApiTokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is kept; the token is shown once, at creation.

    A read token is refused for any request that changes something. A token handed out by a
    sign-in (a resident's registration) ends with the sign-out; one made on purpose on the
    token page lives until it expires or is revoked. Changing the password ends them all.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(_("label"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=5, choices=ApiTokenScope.choices, default=ApiTokenScope.READ
    )
    ends_at_sign_out = models.BooleanField(_("ends at sign-out"), default=False)
    # A keyed hash of the user's password hash when the token was made: a token made under
    # another password is refused, however the password changed (a page, the Django admin,
    # `manage.py changepassword`, a claim).
    password_stamp = models.CharField(_("password stamp"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"
