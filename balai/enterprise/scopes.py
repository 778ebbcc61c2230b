"""Where enterprise's records of people lie, and who owns them (see balai.core.scoping)."""

from __future__ import annotations

from balai.core.scoping import AreaScope, register_area_scope
from balai.enterprise.models import (
    BusinessGroup,
    BusinessInterest,
    GrantApplication,
    GrantDisbursement,
    GroupMembership,
    Loan,
    LoanApplication,
    LoanInstallment,
    LoanRepayment,
    UsageReport,
)


def register_enterprise_scopes() -> None:
    """A group, and its loans, lie in the group's kelurahan; a grant or an individual loan in
    the kelurahan of the business. The person owns their own records; a group's current
    members own the group's (joint liability: each answers for the others' instalments)."""
    register_area_scope(
        BusinessGroup, AreaScope(kelurahan_path="kelurahan", owners={"group": "pk"})
    )
    register_area_scope(
        GroupMembership,
        AreaScope(
            kelurahan_path="group__kelurahan",
            owners={"group": "group", "user": "person__user"},
        ),
    )
    register_area_scope(
        BusinessInterest,
        AreaScope(kelurahan_path="person__domicile_kelurahan", owners={"user": "person__user"}),
    )
    register_area_scope(
        GrantApplication,
        AreaScope(kelurahan_path="kelurahan", owners={"user": "person__user", "group": "group"}),
    )
    register_area_scope(
        GrantDisbursement,
        AreaScope(
            kelurahan_path="application__kelurahan", owners={"user": "application__person__user"}
        ),
    )
    register_area_scope(
        UsageReport,
        AreaScope(
            kelurahan_path="application__kelurahan", owners={"user": "application__person__user"}
        ),
    )
    register_area_scope(
        LoanApplication,
        AreaScope(kelurahan_path="kelurahan", owners={"user": "person__user", "group": "group"}),
    )
    register_area_scope(
        Loan,
        AreaScope(
            kelurahan_path="application__kelurahan",
            owners={"user": "borrower__user", "group": "group"},
        ),
    )
    register_area_scope(
        LoanInstallment,
        AreaScope(
            kelurahan_path="loan__application__kelurahan",
            owners={"user": "loan__borrower__user", "group": "loan__group"},
        ),
    )
    register_area_scope(
        LoanRepayment,
        AreaScope(
            kelurahan_path="loan__application__kelurahan",
            owners={"user": "loan__borrower__user", "group": "loan__group"},
        ),
    )
