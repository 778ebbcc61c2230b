"""Who acts for which company: the one rule that scoping and every employer page follow."""

from __future__ import annotations

from django.db.models import QuerySet

from balai.accounts.models import Role, User
from balai.placement.models import Company, CompanyMember, CompanyStatus


def companies_acted_for(user: User) -> QuerySet[CompanyMember, int]:
    """The verified company `user` acts for (as a subquery of ids): a company awaiting
    verification, rejected or suspended sees no graduate's data."""
    return CompanyMember.objects.filter(
        user=user, company__status=CompanyStatus.VERIFIED
    ).values_list("company_id", flat=True)


def acts_for_company(user: User, company_id: int) -> bool:
    """Whether `user` acts for the company `company_id`, which must be verified."""
    return companies_acted_for(user).filter(company_id=company_id).exists()


def company_of_user(user: User) -> Company | None:
    """The company `user` belongs to, whatever its status, or None."""
    if not user.is_authenticated or user.role != Role.EMPLOYER:
        return None
    return Company.objects.filter(members__user=user).first()


def company_membership_of(user: User) -> CompanyMember | None:
    """`user`'s membership of a company (with the company), whatever its status, or None."""
    return CompanyMember.objects.select_related("company").filter(user=user).first()


def company_accounts(company_id: int) -> QuerySet[User]:
    """The active accounts of the company's people: whoever acts for it hears of it."""
    return User.objects.filter(company_membership__company_id=company_id, is_active=True).order_by(
        "pk"
    )
