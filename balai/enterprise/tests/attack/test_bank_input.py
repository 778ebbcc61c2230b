"""Garbage sent to the bank's pages and API: refused in Indonesian, never a 500, and never
read as "send every payout"."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balai.accounts.models import User
from balai.enterprise.models import BankStatement, BankTransferFile
from balai.testing.bank import make_payouts, statement_csv
from balai.testing.clients import bearer, client_for

pytestmark = pytest.mark.django_db
STATEMENTS = "/api/v1/enterprise/bank/statements"


@pytest.mark.parametrize("raw", ["²", "99999999999999999999999", "abc"])
def test_a_transfer_of_payouts_not_understood_is_refused_not_made_of_all(
    admin: User, raw: str
) -> None:
    make_payouts(2)

    answer = client_for(admin).post("/bank/transfers/new/", {"disbursement": [raw]})

    assert answer.status_code == 200
    assert "Sebagian pembayaran yang dipilih tidak dikenal" in answer.content.decode()
    assert not BankTransferFile.objects.exists()


def test_a_statement_with_an_enormous_cell_is_refused_in_indonesian(admin: User) -> None:
    payout = make_payouts(1)[0]
    body = statement_csv([(payout.reference, payout.amount, "BERHASIL", "X", "y" * 140_000, "")])

    answer = bearer(admin).post(STATEMENTS, {"file": SimpleUploadedFile("mutasi.csv", body)})

    assert answer.status_code == 400
    assert answer.json()["message"] == "Berkas mutasi bukan berkas CSV dari bank."
    assert not BankStatement.objects.exists()


def test_a_statement_with_a_nul_byte_is_refused(admin: User) -> None:
    payout = make_payouts(1)[0]
    body = statement_csv([(payout.reference, payout.amount, "BERHASIL", "X\x00", "", "")])

    answer = bearer(admin).post(STATEMENTS, {"file": SimpleUploadedFile("mutasi.csv", body)})

    assert answer.status_code == 400
    assert answer.json()["message"] == "Berkas mutasi bukan berkas CSV UTF-8."
    assert not BankStatement.objects.exists()
