"""Pages of Tangerang Emas: products (admin), applying (a group's leader, one person, or
staff of the area), the admin's decision and disbursement, and the loans with their
schedules (staff: their area's; a participant: their own and their group's)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.access import request_user
from balai.core.errors import ApplicationError, NotFoundError
from balai.core.forms import refusal_show
from balai.core.scoping import scope_to_user
from balai.enterprise.loan_forms import (
    LoanApplicationFilterForm,
    LoanApplyForm,
    LoanDecisionForm,
    LoanDisburseForm,
    LoanProductForm,
)
from balai.enterprise.loan_selectors import (
    loan_application_get,
    loan_application_list,
    loan_application_terms,
    loan_get,
    loan_list,
    loan_product_example,
    loan_product_get,
    loan_product_has_loans,
    loan_product_list,
    loans_of_user,
)
from balai.enterprise.loans import (
    LoanApplicationInput,
    loan_application_approve,
    loan_application_disburse,
    loan_application_reject,
    loan_apply,
    loan_product_create,
    loan_product_update,
)
from balai.enterprise.membership import current_membership_of, current_memberships
from balai.enterprise.models import BusinessGroup, GroupRole, LoanProduct
from balai.registry.models import Person
from balai.registry.selectors import person_of_user

PAGE_SIZE = 50


def loan_products_page(request: HttpRequest) -> HttpResponse:
    """The loan products, each with its example schedule for Rp1.000.000."""
    products = [(product, loan_product_example(product=product)) for product in loan_product_list()]
    return render(request, "enterprise/loans/products.html", {"products": products})


def loan_product_new_page(request: HttpRequest) -> HttpResponse:
    """Create a loan product."""
    form = LoanProductForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            loan_product_create(data=form.product_input(), actor=request_user(request))
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Loan product saved."))
            return redirect("enterprise:loan_products")
    return render(request, "enterprise/loans/product_form.html", {"form": form, "product": None})


def loan_product_edit_page(request: HttpRequest, product_id: int) -> HttpResponse:
    """Change a product's terms (loans already made keep theirs)."""
    try:
        product = loan_product_get(product_id=product_id)
    except LoanProduct.DoesNotExist:
        raise NotFoundError(_("No such loan product.")) from None
    initial = LoanProductForm.initial_of(product)
    form = LoanProductForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            loan_product_update(
                product_id=product.pk, data=form.product_input(), actor=request_user(request)
            )
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Loan product saved."))
            return redirect("enterprise:loan_products")
    context = {
        "form": form,
        "product": product,
        "has_loans": loan_product_has_loans(product=product),
        "example": loan_product_example(product=product),
    }
    return render(request, "enterprise/loans/product_form.html", context)


def _applicant(request: HttpRequest, user: User) -> tuple[BusinessGroup | None, list[Person]]:
    """Who the application is for: staff name a group (?group=) or a person (?person=, by
    public id) of their area; a participant applies for the group they lead, or themself."""
    if user.role == Role.PARTICIPANT:
        person = person_of_user(user=user)
        if person is None:
            raise NotFoundError(_("Register first to apply for a loan."))
        membership = current_membership_of(person)
        if membership is not None and membership.role == GroupRole.LEADER:
            group = membership.group
            return group, [m.person for m in current_memberships(group)]
        return None, [person]
    group_id = request.GET.get("group", "")
    if group_id.isdigit() and len(group_id) < 12:
        found = scope_to_user(BusinessGroup.objects.all(), user).filter(pk=group_id).first()
        if found is None:
            raise NotFoundError(_("No such group, or outside your area."))
        return found, [m.person for m in current_memberships(found)]
    try:
        public_id = uuid.UUID(request.GET.get("person", ""))
    except ValueError:
        raise NotFoundError(_("Open this page from a group or a person of your area.")) from None
    person = scope_to_user(Person.objects.all(), user).filter(public_id=public_id).first()
    if person is None:
        raise NotFoundError(_("Open this page from a group or a person of your area."))
    return None, [person]


def loan_apply_page(request: HttpRequest) -> HttpResponse:
    """Apply for a loan: every current member's amount and joint liability for a group."""
    user = request_user(request)
    group, borrowers = _applicant(request, user)
    products = [
        product
        for product in loan_product_list(active_only=True)
        if group is not None or product.lends_to_individuals
    ]
    form = LoanApplyForm(
        request.POST if request.method == "POST" else None,
        products=products,
        borrowers=borrowers,
        is_group=group is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = loan_apply(
                data=LoanApplicationInput(
                    product_id=data["product"],
                    amounts=form.amounts(),
                    business_purpose=data["business_purpose"],
                    group_id=group.pk if group is not None else None,
                    person_id=None if group is not None else borrowers[0].pk,
                    joint_liability_accepted=data.get("joint_liability_accepted", False),
                ),
                actor=user,
            )
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Loan application submitted."))
            return redirect("enterprise:loan_application_detail", application.pk)
    context = {"form": form, "group": group, "borrowers": borrowers, "products": products}
    return render(request, "enterprise/loans/apply.html", context)


def loan_applications_page(request: HttpRequest) -> HttpResponse:
    """Staff's list of their area's applications, by status."""
    form = LoanApplicationFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    applications = loan_application_list(user=request_user(request), status=status)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "enterprise/loans/applications.html", {"form": form, "page": page})


def loan_application_detail_page(request: HttpRequest, application_id: int) -> HttpResponse:
    """An application: its borrowers, amounts, fees and payouts; its loans once disbursed."""
    application = loan_application_get(user=request_user(request), application_id=application_id)
    context = {
        "application": application,
        "terms": loan_application_terms(application=application),
        "loans": list(application.loans.all()),
        "decision_form": LoanDecisionForm(),
        "disburse_form": LoanDisburseForm(),
    }
    return render(request, "enterprise/loans/application_detail.html", context)


def loan_application_decide_action(request: HttpRequest, application_id: int) -> HttpResponse:
    """Approve or reject an application (an admin who did not submit it)."""
    user = request_user(request)
    form = LoanDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or reject."))
        return redirect("enterprise:loan_application_detail", application_id)
    try:
        if form.cleaned_data["decision"] == "approve":
            loan_application_approve(application_id=application_id, actor=user)
        else:
            loan_application_reject(
                application_id=application_id, reason=form.cleaned_data["reason"], actor=user
            )
    except NotFoundError:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("enterprise:loan_application_detail", application_id)


def loan_disburse_action(request: HttpRequest, application_id: int) -> HttpResponse:
    """Disburse an approved application; pressed twice, it disburses once."""
    form = LoanDisburseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of disbursement."))
        return redirect("enterprise:loan_application_detail", application_id)
    try:
        loan_application_disburse(
            application_id=application_id,
            disbursed_on=form.cleaned_data["disbursed_on"],
            actor=request_user(request),
        )
    except NotFoundError:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Loans disbursed: each borrower's schedule is below."))
    return redirect("enterprise:loan_application_detail", application_id)


def loans_page(request: HttpRequest) -> HttpResponse:
    """Staff's list of their area's loans."""
    loans = loan_list(user=request_user(request))
    page = Paginator(loans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "enterprise/loans/loans.html", {"page": page})


def loan_detail_page(request: HttpRequest, loan_id: int) -> HttpResponse:
    """A loan and its schedule: due, paid and owed per instalment."""
    loan = loan_get(user=request_user(request), loan_id=loan_id)
    return render(request, "enterprise/loans/loan_detail.html", {"loan": loan})


def my_loans_page(request: HttpRequest) -> HttpResponse:
    """A participant's own loans and their group's."""
    user = request_user(request)
    return render(
        request,
        "enterprise/loans/mine.html",
        {
            "loans": loans_of_user(user=user),
            "applications": loan_application_list(user=user),
        },
    )
