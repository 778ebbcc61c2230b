"""Area scoping: the one place that decides which rows of personal data a user may see.

Every model holding personal data declares, with `register_area_scope`, the path from its
rows to a kelurahan (and optionally to the user who owns the row). Every selector, export,
aggregate and API handler that reads such a model passes its queryset through
`scope_to_user`; a model that was never declared cannot be scoped and raises, so a new model
cannot be read unscoped by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError
from balai.regions.models import Kelurahan

ModelT = TypeVar("ModelT", bound=Model)


@dataclass(frozen=True)
class AreaScope:
    """`kelurahan_path` leads from a row to its kelurahan; `owner_path` to its own user.

    A row that shows people of several places (two registrations that may be one person)
    names the others' paths in `other_kelurahan_paths`: it is in an area only if every one of
    its places is, so that nobody sees, through it, a person they could not see alone.
    """

    kelurahan_path: str
    owner_path: str | None = None
    other_kelurahan_paths: tuple[str, ...] = ()


_AREA_SCOPES: dict[type[Model], AreaScope] = {}


def register_area_scope(model: type[Model], scope: AreaScope) -> None:
    """Declare how rows of `model` are placed in an area (call from the app's ready())."""
    _AREA_SCOPES[model] = scope


def area_scope_of(model: type[Model]) -> AreaScope:
    try:
        return _AREA_SCOPES[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} holds personal data but declares no area scope."
        ) from None


def scoped_models() -> list[type[Model]]:
    """Return every model with a declared area scope."""
    return list(_AREA_SCOPES)


def scope_to_user(
    queryset: QuerySet[ModelT], user: User | object, *, for_aggregates: bool = False
) -> QuerySet[ModelT]:
    """Return the rows of `queryset` that `user` may see.

    Admins see the whole deployment; kecamatan and kelurahan operators their area; anybody
    else only the rows they own (a participant's own record), if the model has an owner.
    With `for_aggregates` (counts and sums, never rows shown), viewers see the deployment too.
    """
    scope = area_scope_of(queryset.model)
    if not isinstance(user, User) or not user.is_active:
        return queryset.none()
    area_filter = Q()
    for path in (scope.kelurahan_path, *scope.other_kelurahan_paths):
        area_filter &= _area_filter(path, user, for_aggregates=for_aggregates)
    if scope.owner_path is not None:
        area_filter |= Q(**{scope.owner_path: user})
    return queryset.filter(area_filter)


def _area_filter(kelurahan_path: str, user: User, *, for_aggregates: bool) -> Q:
    if user.role == Role.ADMIN or (for_aggregates and user.role == Role.VIEWER):
        return Q(**{f"{kelurahan_path}__kecamatan__regency": settings.BALAI_REGENCY_CODE})
    if user.role == Role.KECAMATAN_OPERATOR:
        return Q(**{f"{kelurahan_path}__kecamatan": user.kecamatan_id})
    if user.role == Role.KELURAHAN_OPERATOR:
        return Q(**{kelurahan_path: user.kelurahan_id})
    # Matches nothing: other roles reach personal rows only through ownership.
    return Q(pk__in=[])


def scoped_get(queryset: QuerySet[ModelT], user: User | object, **lookup: object) -> ModelT:
    """Return the one row matching `lookup` that `user` may see.

    A row outside the user's area is reported as not found, so that its existence is not
    revealed either.
    """
    try:
        return scope_to_user(queryset, user).get(**lookup)
    except ObjectDoesNotExist:
        raise NotFoundError(gettext("Not found, or outside your area.")) from None


def kelurahan_in_area(user: User | object) -> QuerySet[Kelurahan]:
    """Return the kelurahan `user` may register people in: an operator's area, or for an
    admin the whole deployment."""
    kelurahan = Kelurahan.objects.select_related("kecamatan").order_by("code")
    if not isinstance(user, User) or not user.is_active:
        return kelurahan.none()
    if user.role == Role.ADMIN:
        return kelurahan.filter(kecamatan__regency=settings.BALAI_REGENCY_CODE)
    if user.role == Role.KECAMATAN_OPERATOR:
        return kelurahan.filter(kecamatan=user.kecamatan_id)
    if user.role == Role.KELURAHAN_OPERATOR:
        return kelurahan.filter(code=user.kelurahan_id)
    return kelurahan.none()
