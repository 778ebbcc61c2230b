"""Imports over the API: upload, the check's problems and warnings by row, columns, confirm."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balai.accounts.models import Role, User
from balai.intake.imports.headers import COLUMNS
from balai.intake.models import Application, Batch
from balai.testing.clients import bearer
from balai.testing.imports import HEADER, resident, written_xlsx

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_PREFIX = "999901"  # no kecamatan was ever given this code


@pytest.fixture
def operator(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.KECAMATAN_OPERATOR]


def _posted(client: Any, content: bytes, on_commit: Any, batch: Batch) -> Any:
    with on_commit(execute=True):  # the check job starts once the upload is committed
        return client.post(
            "/api/v1/imports/",
            {
                "batch_code": batch.code,
                "consent": "true",
                "file": SimpleUploadedFile("daftar.xlsx", content, content_type=XLSX),
            },
        )


def test_an_import_answers_with_its_nik_warnings_by_row(
    open_batch: Batch, operator: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = bearer(operator)
    unknown = resident(2)
    nik = [name for name, _title in COLUMNS].index("nik")
    unknown[nik] = UNKNOWN_PREFIX + unknown[nik][6:]
    content = written_xlsx(HEADER, [resident(1), unknown, resident(3, birth_date="31/02/1990")])
    created = _posted(client, content, django_capture_on_commit_callbacks, open_batch)
    assert created.status_code == 202, created.content
    upload_id = created.json()["id"]
    answer = client.get(f"/api/v1/imports/{upload_id}")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["status"], body["valid"], body["rejected"]) == ("checked", 2, 1)
    assert [(item["row"], item["column"]) for item in body["problems"]] == [(4, "Tanggal Lahir")]
    [warning] = body["warnings"]
    assert (warning["row"], warning["column"]) == (3, "NIK")
    assert UNKNOWN_PREFIX in warning["reason"] and body["warning_count"] == 1
    # The whole NIK is never in the answer: only the region code the warning is about.
    assert unknown[nik] not in answer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/api/v1/imports/{upload_id}/confirm")
    assert confirmed.status_code == 202, confirmed.content
    assert Application.objects.count() == 2


def test_columns_no_header_names_are_chosen_over_the_api(
    open_batch: Batch, operator: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = bearer(operator)
    values = dict(zip([name for name, _title in COLUMNS], resident(1), strict=True))
    header = ["Nomor Identitas", "Nama Peserta", "Lahir", "Jenis Kelamin", "Wilayah", "Minat"]
    row = [values[name] for name in ("nik", "full_name", "birth_date", "sex")]
    content = written_xlsx(header, [[*row, "Sukarasa", "Tata Boga"]])
    upload_id = _posted(client, content, django_capture_on_commit_callbacks, open_batch).json()[
        "id"
    ]
    body = client.get(f"/api/v1/imports/{upload_id}").json()
    assert body["status"] == "columns"
    assert body["columns_needed"] == {
        "header": header,
        "found": {"full_name": 1, "sex": 3},
        "missing": ["nik", "birth_date", "kelurahan", "choice_1"],
    }
    twice = {"nik": 0, "full_name": 1, "birth_date": 2, "sex": 3, "kelurahan": 4, "choice_1": 4}
    refused = client.post(
        f"/api/v1/imports/{upload_id}/columns", {"columns": twice}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "import_columns_invalid"
    chosen = {**twice, "choice_1": 5}
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            f"/api/v1/imports/{upload_id}/columns",
            {"columns": chosen},
            content_type="application/json",
        )
    assert answer.status_code == 202, answer.content
    body = client.get(f"/api/v1/imports/{upload_id}").json()
    assert (body["status"], body["valid"]) == ("checked", 1)


def test_nobody_reads_another_s_import(
    open_batch: Batch,
    operator: User,
    users_by_role: dict[str, User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    created = _posted(
        bearer(operator),
        written_xlsx(HEADER, [resident(1)]),
        django_capture_on_commit_callbacks,
        open_batch,
    )
    upload_id = created.json()["id"]
    other = bearer(users_by_role[Role.KELURAHAN_OPERATOR])
    assert other.get(f"/api/v1/imports/{upload_id}").status_code == 404
    participant = bearer(users_by_role[Role.PARTICIPANT])
    assert participant.get(f"/api/v1/imports/{upload_id}").status_code == 403
