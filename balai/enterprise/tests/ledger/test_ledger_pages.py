"""The ledger's pages and API: the journal, one transaction, the trial balance and the
check, open to admins (the balances to leadership too) and to nobody else."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.ledger import credit, debit, ledger_post, ledger_reverse
from balai.enterprise.ledger_selectors import trial_balance
from balai.enterprise.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LedgerTransactionKind,
)
from balai.testing.clients import bearer, client_for
from balai.testing.enterprise import make_group, make_group_loans

pytestmark = pytest.mark.django_db


def post(kind: str, postings: list[Any], key: str, days_ago: int = 0) -> LedgerTransaction:
    return ledger_post(
        kind=LedgerTransactionKind(kind),
        postings=postings,
        idempotency_key=key,
        occurred_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        actor=None,
    )


@pytest.fixture
def known_books(kota_tangerang: None) -> list[LedgerTransaction]:
    """A fee of Rp30.000 ten days ago, Rp1.000.000 spent on grants five days ago, Rp200.000
    of it returned today, and today a fee of Rp5.000 posted and reversed."""
    return [
        post(
            "loan_fee",
            [debit(LedgerAccount.BANK, 30_000), credit(LedgerAccount.FEE_INCOME, 30_000)],
            "fee",
            days_ago=10,
        ),
        post(
            "grant_disbursed",
            [
                debit(LedgerAccount.GRANT_EXPENSE, 1_000_000),
                credit(LedgerAccount.BANK, 1_000_000),
            ],
            "out",
            days_ago=5,
        ),
        post(
            "grant_returned",
            [debit(LedgerAccount.BANK, 200_000), credit(LedgerAccount.GRANT_EXPENSE, 200_000)],
            "in",
        ),
        ledger_reverse(
            original=post(
                "loan_fee",
                [debit(LedgerAccount.BANK, 5_000), credit(LedgerAccount.FEE_INCOME, 5_000)],
                "small-fee",
            ),
            occurred_on=timezone.localdate(),
            actor=None,
        ),
    ]


def test_the_trial_balance_of_known_postings_adds_up_by_hand(
    known_books: list[LedgerTransaction],
) -> None:
    today = timezone.localdate()

    balance = trial_balance(as_of=today)
    lines = {line.account: line for line in balance.accounts}

    assert (lines["bank"].debits, lines["bank"].credits) == (235_000, 1_005_000)
    assert lines["bank"].credit_balance == 770_000
    assert lines["grant_expense"].debit_balance == 800_000
    assert lines["fee_income"].credit_balance == 30_000
    assert lines["grants_payable"].balance == 0
    assert balance.total_debits == balance.total_credits == 1_240_000
    assert balance.total_debit_balances == balance.total_credit_balances == 800_000


def test_the_trial_balance_as_of_an_earlier_day_leaves_out_what_came_after(
    known_books: list[LedgerTransaction],
) -> None:
    balance = trial_balance(as_of=timezone.localdate() - datetime.timedelta(days=7))

    lines = {line.account: line for line in balance.accounts}
    assert lines["bank"].debit_balance == 30_000
    assert lines["grant_expense"].balance == 0
    assert balance.balanced


def test_the_balances_page_shows_debits_equal_credits_and_that_the_books_balance(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    page = client_for(users_by_role[Role.ADMIN]).get("/ledger/balances/").content.decode()

    assert 'data-testid="books-balance"' in page
    assert 'data-testid="debits-equal-credits"' in page
    assert "Rp1.240.000" in page


def test_the_balances_page_names_the_problems_when_the_books_do_not_balance(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    corrupt = LedgerTransaction.objects.create(
        kind=LedgerTransactionKind.LOAN_FEE,
        occurred_on=timezone.localdate(),
        idempotency_key="corrupt",
    )
    LedgerEntry.objects.bulk_create(
        [LedgerEntry(transaction=corrupt, account=LedgerAccount.BANK, debit=7)]
    )

    page = client_for(users_by_role[Role.ADMIN]).get("/ledger/balances/").content.decode()

    assert 'data-testid="books-balance"' not in page
    assert 'data-testid="problem-unbalanced_transactions"' in page
    assert f"/ledger/{corrupt.pk}/" in page


def test_the_journal_lists_newest_first_with_entries_and_reversal_links(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    reversal = known_books[-1]

    response = client_for(users_by_role[Role.ADMIN]).get("/ledger/")
    page = response.content.decode()

    shown = [posted.pk for posted in response.context["page"]]
    assert shown == sorted(shown, reverse=True) and len(shown) == 5
    assert f"/ledger/{reversal.reverses_id}/" in page
    assert page.count('data-testid="ledger-entry"') == 10
    assert "Rp1.000.000" in page


def test_the_journal_filters_by_kind_and_by_date(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    since = (timezone.localdate() - datetime.timedelta(days=6)).isoformat()

    by_kind = client.get("/ledger/", {"kind": "loan_fee"}).context["page"]
    by_date = client.get("/ledger/", {"occurred_until": since}).context["page"]
    nonsense = client.get("/ledger/", {"loan": "many"}).context["page"]

    assert {posted.kind for posted in by_kind} == {"loan_fee"}
    assert [posted.idempotency_key for posted in by_date] == ["fee"]
    assert list(nonsense) == []


def test_the_journal_filters_by_loan(kota_tangerang: None, users_by_role: dict[str, User]) -> None:
    loans = make_group_loans(make_group(members=5))

    page = client_for(users_by_role[Role.ADMIN]).get("/ledger/", {"loan": loans[0].pk})

    assert {posted.loan_id for posted in page.context["page"]} == {loans[0].pk}
    assert page.context["page"].paginator.count == 2  # the loan out and its fee


def test_the_journal_takes_the_same_number_of_queries_for_a_full_page(
    kota_tangerang: None, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    make_group_loans(make_group(members=5))
    client.get("/ledger/")  # the session and the user, once
    with django_assert_max_num_queries(8):
        few = client.get("/ledger/")
    make_group_loans(make_group(members=10, name="Kelompok Besar"))
    for original in LedgerTransaction.objects.filter(kind=LedgerTransactionKind.LOAN_FEE)[:5]:
        ledger_reverse(original=original, occurred_on=timezone.localdate(), actor=None)
    with django_assert_max_num_queries(8):
        many = client.get("/ledger/")

    assert few.status_code == many.status_code == 200
    assert many.context["page"].paginator.count == 35


def test_one_transaction_shows_its_entries_and_what_it_reverses(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    reversal = known_books[-1]
    client = client_for(users_by_role[Role.ADMIN])

    page = client.get(f"/ledger/{reversal.pk}/").content.decode()
    original = client.get(f"/ledger/{reversal.reverses_id}/").content.decode()

    assert 'data-testid="reverses"' in page and "Rp5.000" in page
    assert f"/ledger/{reversal.pk}/" in original
    assert client.get("/ledger/999999/").status_code == 404


@pytest.mark.parametrize(
    "role",
    [
        Role.KECAMATAN_OPERATOR,
        Role.KELURAHAN_OPERATOR,
        Role.INSTRUCTOR,
        Role.PARTICIPANT,
        Role.EMPLOYER,
        Role.VIEWER,
    ],
)
def test_only_admins_open_the_journal_and_its_transactions(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User], role: str
) -> None:
    client = client_for(users_by_role[role])

    assert client.get("/ledger/").status_code == 403
    assert client.get(f"/ledger/{known_books[0].pk}/").status_code == 403
    balances = client.get("/ledger/balances/").status_code
    assert balances == (200 if role == Role.VIEWER else 403)


def test_a_viewer_reads_the_balances_without_links_into_the_journal(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    page = client_for(users_by_role[Role.VIEWER]).get("/ledger/balances/").content.decode()

    assert 'data-testid="trial-balance"' in page
    assert 'href="/ledger/"' not in page


def test_the_api_gives_the_trial_balance_and_the_check(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    client = bearer(users_by_role[Role.VIEWER])

    balances = client.get("/api/v1/enterprise/ledger/balances").json()
    check = client.get("/api/v1/enterprise/ledger/check").json()

    bank = next(line for line in balances["accounts"] if line["account"] == "bank")
    assert bank == {
        "account": "bank",
        "label": bank["label"],
        "debits": 235_000,
        "credits": 1_005_000,
        "balance": -770_000,
    }
    assert balances["balanced"] and balances["total_debits"] == 1_240_000
    assert check == {
        "balances": True,
        "transaction_count": 5,
        "total_debits": 1_240_000,
        "total_credits": 1_240_000,
        "problems": [],
    }


def test_the_api_check_lists_the_problems_by_id(
    known_books: list[LedgerTransaction], users_by_role: dict[str, User]
) -> None:
    empty = LedgerTransaction.objects.create(
        kind=LedgerTransactionKind.LOAN_FEE, occurred_on=timezone.localdate(), idempotency_key="e"
    )

    check = bearer(users_by_role[Role.ADMIN]).get("/api/v1/enterprise/ledger/check").json()

    assert not check["balances"]
    assert check["problems"] == [{"problem": "empty_transactions", "ids": [empty.pk]}]


def test_the_api_lists_transactions_a_page_at_a_time_to_admins_only(
    known_books: list[LedgerTransaction],
    users_by_role: dict[str, User],
    django_assert_max_num_queries: Any,
) -> None:
    client = bearer(users_by_role[Role.ADMIN])

    with django_assert_max_num_queries(8):
        listed = client.get("/api/v1/enterprise/ledger/transactions", {"kind": "reversal"})
    one = client.get(f"/api/v1/enterprise/ledger/transactions/{known_books[0].pk}").json()
    refused = bearer(users_by_role[Role.VIEWER]).get("/api/v1/enterprise/ledger/transactions")

    (reversal,) = listed.json()["items"]
    assert reversal["reverses_id"] == known_books[-1].reverses_id
    assert {entry["account"] for entry in reversal["entries"]} == {"bank", "fee_income"}
    assert one["entries"][0] == {
        "account": "bank",
        "debit": 30_000,
        "credit": 0,
        "loan_id": None,
        "grant_application_id": None,
        "person_id": None,
    }
    assert one["reversed_by_id"] is None
    assert refused.status_code == 403
    missing = client.get("/api/v1/enterprise/ledger/transactions/999999")
    assert missing.status_code == 404 and missing.json()["code"]
