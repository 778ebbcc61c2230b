"""Pages of enterprise's groups: the list, founding one (by hand or from a suggestion), a
group with its members and history, its member changes, dissolving it, a participant's own
group, business interests and suggestions."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.accounts.models import Role
from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError
from balai.core.forms import refusal_show
from balai.core.scoping import kelurahan_in_area
from balai.enterprise.group_forms import (
    BusinessInterestForm,
    DissolveForm,
    GroupForm,
    MemberAddForm,
    MemberRemoveForm,
    MemberRoleForm,
    ResidentSearchForm,
    SuggestionForm,
)
from balai.enterprise.group_selectors import (
    business_interest_of,
    group_get,
    group_list,
    group_member_person,
    group_members,
    group_of_user,
    membership_history,
    own_person,
    resident_get,
    resident_search,
)
from balai.enterprise.group_suggestions import group_suggestion_list
from balai.enterprise.groups import (
    business_interest_declare,
    group_create,
    group_dissolve,
    group_member_add,
    group_member_remove,
    group_member_role_change,
)
from balai.enterprise.models import BusinessGroup, GroupRole, GroupStatus
from balai.registry.models import Person

PAGE_SIZE = 50


def groups_page(request: HttpRequest) -> HttpResponse:
    """The groups the user may see: staff their area's, a participant their own."""
    page = Paginator(group_list(user=request_user(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "enterprise/groups/list.html", {"page": page})


def group_new_page(request: HttpRequest) -> HttpResponse:
    """Found a group: staff in a kelurahan of their area, a participant where they live
    (becoming its leader). A suggestion sent from the suggestions page is founded at once."""
    user = request_user(request)
    if request.method == "POST" and "people" in request.POST:
        return _from_suggestion(request)
    staff = user.role != Role.PARTICIPANT
    form = GroupForm(
        request.POST if request.method == "POST" else None,
        kelurahan=kelurahan_in_area(user) if staff else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = group_create(
                name=data["name"],
                business_type=data["business_type"],
                business_plan=data["business_plan"],
                kelurahan=data.get("kelurahan"),
                by=user,
            )
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("The group %(name)s is founded.") % {"name": group.name})
            return redirect("enterprise:group_detail", group_id=group.pk)
    return render(request, "enterprise/groups/new.html", {"form": form})


def _from_suggestion(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the group a name."))
        return redirect("enterprise:group_suggestions")
    try:
        people = [resident_get(user=user, public_id=_uuid(value)) for value in form.person_ids()]
        group = group_create(
            name=form.cleaned_data["name"],
            business_type=form.cleaned_data["business_type"],
            business_plan="",
            kelurahan=kelurahan_in_area(user).filter(pk=form.cleaned_data["kelurahan"]).first(),
            members=people,
            by=user,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("enterprise:group_suggestions")
    messages.success(request, _("The group %(name)s is founded.") % {"name": group.name})
    return redirect("enterprise:group_detail", group_id=group.pk)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def group_detail_page(request: HttpRequest, group_id: int) -> HttpResponse:
    """A group: its members with their roles, its history, and the forms to change it."""
    group = group_get(user=request_user(request), group_id=group_id)
    return _detail(request, group)


def _detail(
    request: HttpRequest,
    group: BusinessGroup,
    *,
    search_form: ResidentSearchForm | None = None,
    found: list[Person] | None = None,
) -> HttpResponse:
    user = request_user(request)
    members = group_members(group=group)
    leads = any(m.person.user_id == user.pk and m.role == GroupRole.LEADER for m in members)
    staff = user.role != Role.PARTICIPANT
    open_group = group.status != GroupStatus.DISSOLVED
    return render(
        request,
        "enterprise/groups/detail.html",
        {
            "group": group,
            "members": members,
            "history": membership_history(group=group),
            "may_change": (staff or leads) and open_group,
            "may_add": staff and open_group,
            "may_dissolve": open_group and route_allowed(request, "enterprise:group_dissolve"),
            "search_form": search_form or ResidentSearchForm(),
            "found": found,
            "add_form": MemberAddForm(),
            "role_form": MemberRoleForm(),
            "dissolve_form": DissolveForm(),
        },
    )


def group_members_action(request: HttpRequest, group_id: int) -> HttpResponse:
    """Change a group's members (POST `action`: find, add, remove or role)."""
    user = request_user(request)
    group = group_get(user=user, group_id=group_id)
    action = request.POST.get("action", "")
    if action == "find":
        search_form = ResidentSearchForm(request.POST)
        found = (
            resident_search(user=user, text=search_form.cleaned_data["text"])
            if search_form.is_valid()
            else None
        )
        return _detail(request, group, search_form=search_form, found=found)
    forms_by_action = {"add": MemberAddForm, "remove": MemberRemoveForm, "role": MemberRoleForm}
    form_class = forms_by_action.get(action)
    form = form_class(request.POST) if form_class else None
    if form is None or not form.is_valid():
        messages.error(request, _("Choose a resident and what to do."))
        return redirect("enterprise:group_detail", group_id=group.pk)
    try:
        public_id = form.cleaned_data["person"]
        person = (
            resident_get(user=user, public_id=public_id)
            if action == "add"
            else group_member_person(group=group, public_id=public_id)
        )
        _member_change(group, person, action, form.cleaned_data.get("role", ""), request)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("enterprise:group_detail", group_id=group.pk)


def _member_change(
    group: BusinessGroup, person: Person, action: str, role: str, request: HttpRequest
) -> None:
    user = request_user(request)
    if action == "add":
        group_member_add(group=group, person=person, role=role, by=user)
        messages.success(request, _("%(name)s joined the group.") % {"name": person.full_name})
    elif action == "remove":
        group_member_remove(group=group, person=person, by=user)
        messages.success(request, _("%(name)s left the group.") % {"name": person.full_name})
    else:
        group_member_role_change(group=group, person=person, role=role, by=user)
        messages.success(request, _("The role of %(name)s changed.") % {"name": person.full_name})


def group_dissolve_action(request: HttpRequest, group_id: int) -> HttpResponse:
    """Dissolve a group of the operator's area, with a reason."""
    user = request_user(request)
    group = group_get(user=user, group_id=group_id)
    form = DissolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the group is dissolved."))
    else:
        try:
            group_dissolve(group=group, reason=form.cleaned_data["reason"], by=user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The group is dissolved."))
    return redirect("enterprise:group_detail", group_id=group.pk)


def my_group_page(request: HttpRequest) -> HttpResponse:
    """The participant's own group, or how to found or find one."""
    user = request_user(request)
    group = group_of_user(user=user)
    if group is not None:
        return _detail(request, group)
    return render(request, "enterprise/groups/mine.html", {})


def business_interest_page(request: HttpRequest) -> HttpResponse:
    """A participant declares their business interest; staff find a resident of their area
    (by name or phone, sent by POST) and record theirs."""
    user = request_user(request)
    if user.role == Role.PARTICIPANT:
        return _own_interest(request)
    person = None
    raw = request.POST.get("person", "")
    if raw:
        person = resident_get(user=user, public_id=_uuid(raw))
    if person is None:
        search_form = ResidentSearchForm(request.POST if request.method == "POST" else None)
        found = None
        if request.method == "POST" and search_form.is_valid():
            found = resident_search(user=user, text=search_form.cleaned_data["text"])
        return render(
            request,
            "enterprise/groups/interest_find.html",
            {"search_form": search_form, "found": found},
        )
    return _interest_form(request, person)


def _own_interest(request: HttpRequest) -> HttpResponse:
    person = own_person(user=request_user(request))
    if person is None:
        return render(request, "enterprise/groups/interest.html", {"form": None})
    return _interest_form(request, person, own=True)


def _interest_form(request: HttpRequest, person: Person, *, own: bool = False) -> HttpResponse:
    user = request_user(request)
    sending = request.method == "POST" and request.POST.get("step") == "record"
    interest = business_interest_of(person=person)
    initial = (
        {"business_type": interest.business_type, "wants_group": interest.wants_group}
        if interest
        else None
    )
    form = BusinessInterestForm(request.POST if sending else None, initial=initial)
    if sending and form.is_valid():
        data = form.cleaned_data
        try:
            business_interest_declare(
                by=user,
                person=None if own else person,
                business_type=data["business_type"],
                wants_group=data["wants_group"],
                note=data["note"],
            )
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("The business interest is recorded."))
            return redirect("enterprise:my_group" if own else "enterprise:business_interest")
    return render(
        request,
        "enterprise/groups/interest.html",
        {"form": form, "person": person, "own": own},
    )


def group_suggestions_page(request: HttpRequest) -> HttpResponse:
    """Groups the system suggests from the residents of the area who want one."""
    user = request_user(request)
    names = dict(kelurahan_in_area(user).values_list("code", "name"))
    suggestions = [
        (suggestion, names.get(suggestion.kelurahan_code, suggestion.kelurahan_code))
        for suggestion in group_suggestion_list(user=user)
    ]
    return render(request, "enterprise/groups/suggestions.html", {"suggestions": suggestions})
