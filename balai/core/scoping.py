"""Area scoping: the one place that decides which rows of personal data a user may see.

Every model holding personal data declares, with `register_area_scope`, the path from its
rows to a kelurahan and, by kind of owner, the paths from its rows to their owners. A user
sees a row if it lies in their area (admins: the city; kecamatan and kelurahan operators:
their area; areas are core's business, so that rule is written here) or if they own it
through a kind of owner that applies to their role.

A kind of owner is declared with `register_owner_kind` by the app that owns the concept,
without editing this module: a name, the roles it applies to, and the owners a user acts for.
Core declares "user" (the row's own user: a participant's record); placement would declare
"company" (an employer acts for the companies they belong to), enterprise "group". A model
names its owner paths by kind: `owners={"user": "person__user", "company":
"vacancy__company"}`.

Every selector, export, aggregate and API handler that reads such a model passes its
queryset through `scope_to_user`. Nothing is visible by default: a model never declared, or
one that names a kind of owner nobody declared, raises ImproperlyConfigured when it is
scoped (and fails Django's system checks at start-up), so a mistake is an error, never a leak.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, TypeVar

from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured, ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext

from balai.accounts.models import Role, User
from balai.core.declarations import Declarations
from balai.core.errors import NotFoundError
from balai.regions.models import Kelurahan

ModelT = TypeVar("ModelT", bound=Model)


@dataclass(frozen=True)
class OwnerKind:
    """A kind of owner: a user whose role is in `roles` owns every row whose owner path of
    this kind leads to one of `acts_for(user)`.

    `acts_for` returns the owners a user acts for (themself, the companies they belong to,
    the groups they are a member of) as values or a queryset, which becomes a subquery.
    Nothing returned means the user owns nothing of this kind.
    """

    name: str
    roles: frozenset[str]
    acts_for: Callable[[User], Iterable[object]]


@dataclass(frozen=True)
class AreaScope:
    """`kelurahan_path` leads from a row to its kelurahan; `owners` names, for each kind of
    owner, the path from a row to its owner of that kind.

    A row that shows people of several places (two registrations that may be one person)
    names the others' paths in `other_kelurahan_paths`: it is in an area only if every one of
    its places is, so that nobody sees, through it, a person they could not see alone.
    """

    kelurahan_path: str
    owners: Mapping[str, str] = field(default_factory=dict)
    other_kelurahan_paths: tuple[str, ...] = ()


_AREA_SCOPES: dict[type[Model], AreaScope] = {}
_OWNER_KINDS: Declarations[OwnerKind] = Declarations("kind of owner")


def register_owner_kind(kind: OwnerKind) -> None:
    """Declare a kind of owner that scopes may name (call from the app's ready())."""
    unknown_roles = sorted(set(kind.roles) - set(Role.values))
    if not kind.roles or unknown_roles:
        raise ImproperlyConfigured(
            f"The kind of owner {kind.name!r} must apply to known roles, not {unknown_roles}."
        )
    _OWNER_KINDS.declare(kind)


def register_area_scope(model: type[Model], scope: AreaScope) -> None:
    """Declare how rows of `model` are placed in an area and who owns them (call from the
    app's ready()). The kinds of owner it names may be declared by apps that are ready later;
    scoping and the system checks refuse a kind nobody declared."""
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


def _owner_paths(model: type[Model], scope: AreaScope) -> list[tuple[OwnerKind, str]]:
    """Return each owner path of `model` with its kind; raise if a kind was never declared."""
    undeclared = _OWNER_KINDS.undeclared(list(scope.owners))
    if undeclared:
        raise ImproperlyConfigured(
            f"{model._meta.label} names kinds of owner nobody declared: {undeclared}."
        )
    return [(_OWNER_KINDS.get(name), path) for name, path in scope.owners.items()]


def scope_to_user(
    queryset: QuerySet[ModelT], user: User | object, *, for_aggregates: bool = False
) -> QuerySet[ModelT]:
    """Return the rows of `queryset` that `user` may see.

    Admins see the whole deployment; kecamatan and kelurahan operators their area; anybody
    also sees the rows they own through a kind of owner that applies to their role (a
    participant their own record, an employer their company's). With `for_aggregates`
    (counts and sums, never rows shown), viewers see the deployment too.
    """
    scope = area_scope_of(queryset.model)
    # Checked before the user, so that a wrong declaration fails for every caller at once.
    owner_paths = _owner_paths(queryset.model, scope)
    if not isinstance(user, User) or not user.is_active:
        return queryset.none()
    visible = [
        Q(**{f"{path}__in": kind.acts_for(user)})
        for kind, path in owner_paths
        if user.role in kind.roles
    ]
    area = _area_of(user, for_aggregates=for_aggregates)
    if area is not None:
        lookup, value = area
        paths = (scope.kelurahan_path, *scope.other_kelurahan_paths)
        visible.append(Q(*(Q(**{f"{path}__{lookup}": value}) for path in paths)))
    if not visible:
        return queryset.none()
    return queryset.filter(reduce(operator.or_, visible))


def _area_of(user: User, *, for_aggregates: bool) -> tuple[str, object] | None:
    """Return the lookup on a kelurahan, and its value, that selects the kelurahan `user`
    sees, or None for a role that sees rows only through ownership.

    The one statement of which role sees which area: rows and the kelurahan an operator may
    register people in are both chosen by it.
    """
    if user.role == Role.ADMIN or (for_aggregates and user.role == Role.VIEWER):
        return "kecamatan__regency", settings.BALAI_REGENCY_CODE
    if user.role == Role.KECAMATAN_OPERATOR:
        return "kecamatan", user.kecamatan_id
    if user.role == Role.KELURAHAN_OPERATOR:
        return "pk", user.kelurahan_id
    return None


def aggregate_area_of(user: User | object) -> tuple[str, str] | None:
    """Return the area whose figures `user` may read, as ("regency" | "kecamatan" |
    "kelurahan", code), or None for a role that reads no area's figures.

    Dashboards and reports are pre-computed per area; this is where they learn which area a
    reader's figures start from, by the same rule that scopes rows for aggregates.
    """
    if not isinstance(user, User) or not user.is_active:
        return None
    area = _area_of(user, for_aggregates=True)
    if area is None:
        return None
    lookup, value = area
    level = {"kecamatan__regency": "regency", "kecamatan": "kecamatan", "pk": "kelurahan"}
    return level[lookup], str(value)


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
    area = _area_of(user, for_aggregates=False)
    if area is None:
        return kelurahan.none()
    lookup, value = area
    return kelurahan.filter(**{lookup: value})


def _the_user_themself(user: User) -> list[int]:
    return [user.pk]


# The row's own user (a participant's own record): every app's scopes may name it, so it is
# declared with the registry itself rather than by an app that might be ready later.
register_owner_kind(
    OwnerKind(name="user", roles=frozenset(Role.values), acts_for=_the_user_themself)
)


@checks.register()
def area_scopes_check(**_kwargs: object) -> list[checks.CheckMessage]:
    """Refuse to start with a scope that names an undeclared kind of owner or a path that
    leads nowhere, rather than fail at the first request that reads the model."""
    errors: list[checks.CheckMessage] = []
    for model, scope in _AREA_SCOPES.items():
        try:
            _check_paths(model, scope)
        except (ImproperlyConfigured, FieldError) as error:
            errors.append(checks.Error(str(error), obj=model, id="balai.E001"))
    return errors


def _check_paths(model: type[Model], scope: AreaScope) -> None:
    rows: QuerySet[Any] = QuerySet(model)
    for path in (scope.kelurahan_path, *scope.other_kelurahan_paths):
        # Resolving the lookup proves that the path leads to a kelurahan; nothing is queried.
        rows.filter(**{f"{path}__kecamatan__regency": ""})
    for _kind, path in _owner_paths(model, scope):
        rows.filter(**{f"{path}__in": []})
