"""The bank's pages and API: admins make and download transfer files, import statements and
read them by outcome; nobody else does."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from balai.accounts.models import Role, User
from balai.accounts.services import api_token_create
from balai.enterprise.bank.transfers import bank_transfer_create
from balai.enterprise.models import BankStatement, BankTransferFile, DisbursementStatus
from balai.testing.bank import make_payouts, paid_row, returned_row, statement_csv

pytestmark = pytest.mark.django_db
API = "/api/v1/enterprise/bank"


@pytest.fixture
def admin_client(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def api_client(user: User) -> Client:
    _token, secret = api_token_create(user=user, label="bank")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_an_admin_makes_a_transfer_file_and_downloads_it(admin_client: Client) -> None:
    make_payouts(2)

    answer = admin_client.post("/bank/transfers/new/")

    assert answer.status_code == 302
    transfer_file = BankTransferFile.objects.get()
    download = admin_client.get(f"/bank/transfers/{transfer_file.pk}/file/")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv"
    assert b"".join(download.streaming_content).startswith(b'"reference"')  # type: ignore[attr-defined]  # a FileResponse


def test_an_operator_cannot_download_a_transfer_file(
    admin: User, users_by_role: dict[str, User]
) -> None:
    make_payouts(1)
    transfer_file = bank_transfer_create(actor=admin)
    client = Client()
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])

    answer = client.get(f"/bank/transfers/{transfer_file.pk}/file/")

    assert answer.status_code == 403


def test_a_faulty_statement_shows_each_row_in_indonesian(admin_client: Client) -> None:
    content = statement_csv([("", "500000,5", "BERHASIL", "", "", "")])

    answer = admin_client.post(
        "/bank/statements/import/",
        {"file": SimpleUploadedFile("mutasi.csv", content, "text/csv")},
        HTTP_ACCEPT_LANGUAGE="id",
    )

    assert answer.status_code == 200
    assert not BankStatement.objects.exists()
    page = answer.content.decode()
    assert 'data-testid="bank-row-errors"' in page
    assert "Referensi pembayaran tidak diisi." in page


def test_the_statement_page_counts_lines_by_outcome_and_filters_them(
    admin: User, admin_client: Client, django_assert_max_num_queries: Any
) -> None:
    first, second = make_payouts(2)
    bank_transfer_create(actor=admin)
    content = statement_csv(
        [paid_row(first.reference, 500_000), returned_row(second.reference, 500_000)]
    )
    imported = admin_client.post(
        "/bank/statements/import/", {"file": SimpleUploadedFile("m.csv", content, "text/csv")}
    )
    statement = BankStatement.objects.get()
    assert imported.status_code == 302

    with django_assert_max_num_queries(12):
        answer = admin_client.get(f"/bank/statements/{statement.pk}/?outcome=returned")

    page = answer.content.decode()
    assert page.count('data-testid="bank-statement-line"') == 1
    assert 'data-outcome="returned">1<' in page
    assert 'data-outcome="matched">1<' in page


def test_the_api_makes_a_file_and_imports_a_statement(admin: User) -> None:
    (payout,) = make_payouts(1, amount=760_000)
    client = api_client(admin)

    made = client.post(f"{API}/transfers", {}, content_type="application/json")

    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["line_count"], body["total_amount"]) == (1, 760_000)
    download = client.get(f"{API}/transfers/{body['id']}/file")
    assert download.status_code == 200
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]
    content = statement_csv([paid_row(payout.reference, 760_000)])
    sent = client.post(
        f"{API}/statements",
        {"file": SimpleUploadedFile("m.csv", content, "text/csv")},
    )
    assert sent.status_code == 201, sent.content
    statement = sent.json()
    assert statement["outcomes"]["matched"] == 1
    assert statement["lines"][0]["outcome"] == "matched"
    again = client.post(
        f"{API}/statements",
        {"file": SimpleUploadedFile("m.csv", content, "text/csv")},
    )
    assert again.status_code == 400
    assert again.json()["code"] == "statement_already_imported"
    read = client.get(f"{API}/statements/{statement['id']}?outcome=matched")
    assert read.json()["lines"][0]["reference"] == payout.reference
    payout.refresh_from_db()
    assert payout.status == DisbursementStatus.PAID


def test_the_api_refuses_a_faulty_statement_with_its_rows(admin: User) -> None:
    content = statement_csv([("TB1", "abc", "BERHASIL", "", "", "")])

    answer = api_client(admin).post(
        f"{API}/statements",
        {"file": SimpleUploadedFile("m.csv", content, "text/csv")},
    )

    assert answer.status_code == 400
    assert answer.json()["details"]["rows"][0] == {
        "row": 2,
        "column": "amount",
        "reason": answer.json()["details"]["rows"][0]["reason"],
    }
