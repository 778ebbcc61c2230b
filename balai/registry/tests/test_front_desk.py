"""Finding a person at the front desk (by a name however spelt, NIK, KK or phone), their page,
correcting their contact data with a reason, and the residents list with its filters."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from balai.accounts.models import Role, User
from balai.core.encryption import decrypt_text
from balai.core.models import AuditEntry
from balai.registry import search
from balai.registry.models import DuplicateCandidate, DuplicateReason, Person
from balai.registry.names import name_phonetic_key
from balai.registry.search import person_search
from balai.registry.selectors import person_list
from balai.testing.clients import client_for
from balai.testing.factories import PersonFactory, kelurahan
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


def resident(name: str, place: str = SUKARASA, **fields: Any) -> Person:
    return PersonFactory.create(full_name=name, domicile_kelurahan=kelurahan(place), **fields)


def found(user: User, text: str) -> list[str]:
    return [
        person.full_name
        for person in person_search(people=person_list(user=user), text=text).people
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Soeharti", "Suharti"),
        ("Djoko Santoso", "Joko Santoso"),
        ("Tjahjo Kumolo", "Cahyo Kumolo"),
        ("Jusuf", "Yusuf"),
        ("Muhammad Rizky", "Muhamad Rizki"),
        ("Nur Hayati", "Nurhayati"),
        ("Achmad", "Ahmad"),
    ],
)
def test_the_spellings_of_one_name_share_one_key(old: str, new: str) -> None:
    assert name_phonetic_key(old) == name_phonetic_key(new)


def test_a_part_of_a_name_finds_the_people_of_the_area_only(
    users_by_role: dict[str, User],
) -> None:
    resident("Siti Aminah")
    resident("Siti Rahmawati", BABAKAN)  # same kecamatan, other kelurahan
    resident("Siti Nurjanah", KERONCONG)  # another kecamatan
    resident("Dewi Lestari")
    assert found(users_by_role[Role.KELURAHAN_OPERATOR], "siti") == ["Siti Aminah"]
    assert found(users_by_role[Role.KECAMATAN_OPERATOR], "SITI") == [
        "Siti Aminah",
        "Siti Rahmawati",
    ]


def test_a_name_in_the_old_spelling_or_misspelt_finds_the_person_best_match_first(
    users_by_role: dict[str, User],
) -> None:
    resident("Siti Aminah")
    resident("Suharti Wulandari")
    resident("Yusuf Maulana")
    resident("Yusup Hidayat")
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    assert found(operator, "Soeharti") == ["Suharti Wulandari"]
    assert found(operator, "siti aminha") == ["Siti Aminah"]  # a typo: no key holds it
    assert found(operator, "Jusuf") == ["Yusuf Maulana", "Yusup Hidayat"]


def test_a_search_reads_a_bounded_number_of_rows_and_says_when_there_were_more(
    users_by_role: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
    django_assert_max_num_queries: Any,
) -> None:
    monkeypatch.setattr(search, "SEARCH_LIMIT", 3)
    for number in range(5):
        resident(f"Siti Aminah {chr(65 + number)}")
    with django_assert_max_num_queries(1):
        result = person_search(people=person_list(user=users_by_role[Role.ADMIN]), text="siti")
    assert len(result.people) == 3
    assert result.truncated


def test_a_nik_or_kk_number_finds_one_person_exactly_and_a_part_of_one_is_refused(
    users_by_role: dict[str, User],
) -> None:
    kk_number = "3671011203150007"
    person = resident("Siti Aminah", kk_number=kk_number)
    resident("Dewi Lestari")
    nik = decrypt_text(person.nik_encrypted)
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    assert found(operator, f"{nik[:6]} {nik[6:12]} {nik[12:]}") == ["Siti Aminah"]
    assert found(operator, kk_number) == ["Siti Aminah"]
    client = client_for(operator)
    page = client.post("/persons/", {"q": nik}).content.decode()
    assert f"/persons/{person.public_id}/" in page and "Dewi Lestari" not in page
    page = client.post("/persons/", {"q": nik[:8]}).content.decode()
    assert "Ketik NIK atau nomor KK lengkap (16 digit)" in page
    assert "Siti Aminah" not in page


def test_a_number_searched_never_stands_in_an_address_and_a_name_does(
    users_by_role: dict[str, User],
) -> None:
    person = resident("Siti Aminah")
    nik = decrypt_text(person.nik_encrypted)
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    answer = client.post("/persons/", {"q": nik})
    assert answer.status_code == 200  # answered at once, not redirected to ?q=<NIK>
    assert nik not in answer.content.decode()
    typed_in_the_address = client.get("/persons/", {"q": nik}).content.decode()
    assert "Ketik nomor di kotak pencarian" in typed_in_the_address
    assert "Siti Aminah" not in typed_in_the_address
    by_name = client.post("/persons/", {"q": "siti", "kelurahan": SUKARASA})
    assert by_name["Location"] == f"/persons/?q=siti&kelurahan={SUKARASA}"


def test_a_number_typed_with_a_word_or_a_stray_mark_never_stands_in_an_address(
    users_by_role: dict[str, User],
) -> None:
    nik = decrypt_text(resident("Siti Aminah").nik_encrypted)
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    # As pasted from a letter or a chat: a label, a comma, an invisible space; or too long.
    for typed in (f"NIK {nik}", f"{nik},", f"{nik}\u200b", f"{nik} " + "x" * 100):
        answer = client.post("/persons/", {"q": typed})
        assert answer.status_code == 200, typed  # answered at once, not sent to ?q=…
        assert nik not in answer.content.decode()
        typed_in_the_address = client.get("/persons/", {"q": typed}).content.decode()
        assert "Siti Aminah" not in typed_in_the_address  # refused: it finds nobody


def test_a_phone_number_typed_any_way_finds_the_person(users_by_role: dict[str, User]) -> None:
    resident("Siti Aminah", phone="+6281298765432")
    resident("Dewi Lestari", phone="+6281311112222")
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    assert found(operator, "0812-9876-5432") == ["Siti Aminah"]
    assert found(operator, "62 812 9876 5432") == ["Siti Aminah"]


def test_the_residents_list_filters_sorts_and_keeps_its_filters_across_pages(
    users_by_role: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("balai.registry.views.PAGE_SIZE", 2)
    for name in ["Ani Babakan", "Budi Babakan", "Citra Babakan"]:
        resident(name, BABAKAN)
    resident("Dewi Sukarasa")
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    page = client.get("/persons/", {"kelurahan": BABAKAN, "sort": "-name"}).content.decode()
    assert page.index("Citra Babakan") < page.index("Budi Babakan")
    assert "Ani Babakan" not in page and "Dewi Sukarasa" not in page
    assert f"kelurahan={BABAKAN}&amp;sort=-name&amp;page=2" in page
    second = client.get("/persons/", {"kelurahan": BABAKAN, "sort": "-name", "page": "2"})
    assert "Ani Babakan" in second.content.decode()


def test_a_kelurahan_outside_the_area_filters_nothing_in(users_by_role: dict[str, User]) -> None:
    resident("Siti Nurjanah", KERONCONG)
    page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get(
        "/persons/", {"kelurahan": KERONCONG}
    )
    assert page.status_code == 200
    assert "Siti Nurjanah" not in page.content.decode()


@pytest.mark.parametrize("people", [3, 30])
def test_the_residents_list_takes_the_same_queries_for_few_or_many_people(
    users_by_role: dict[str, User], people: int, django_assert_max_num_queries: Any
) -> None:
    for number in range(people):
        resident(f"Warga Sukarasa {number}")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    # The filters' choices (kelurahan, batches, programmes) are one query each.
    with django_assert_max_num_queries(11):
        assert client.get("/persons/", {"sort": "newest"}).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get("/persons/", {"q": "warga"}).status_code == 200


def test_the_export_is_the_filtered_list_with_formulas_made_inert(
    users_by_role: dict[str, User],
) -> None:
    resident('=HYPERLINK("http://x.example","Klik")', phone="+6281298765432")
    resident("Dewi Lestari")
    resident("Siti Nurjanah", KERONCONG)
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.get("/persons/residents.xlsx", {"q": "hyperlink"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # the headings and the one resident found
    assert rows[1][0] == '\'=HYPERLINK("http://x.example","Klik")'
    assert rows[1][5] == "081298765432"  # as it is dialled, and no formula sign in front


def test_the_person_page_is_keyed_by_public_id_and_closed_outside_the_area(
    users_by_role: dict[str, User],
) -> None:
    person = resident("Siti Aminah")
    stranger = resident("Siti Nurjanah", KERONCONG)
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = client.get(f"/persons/{person.public_id}/").content.decode()
    assert "Siti Aminah" in page and decrypt_text(person.nik_encrypted) not in page
    assert 'data-testid="front-desk-password-reset"' in page
    assert client.get(f"/persons/{stranger.public_id}/").status_code == 404


def correction(**changes: str) -> dict[str, str]:
    return {
        "phone": "0813 1111 2222",
        "email": "",
        "address": "Jl. Melati 2",
        "domicile_kelurahan": str(kelurahan(SUKARASA).pk),
        "reason": "Warga ganti nomor HP",
        **changes,
    }


def test_a_phone_corrected_with_a_reason_is_saved_and_audited_with_it(
    users_by_role: dict[str, User],
) -> None:
    person = resident("Siti Aminah", phone="+6281298765432")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.post(f"/persons/{person.public_id}/contact/", correction(), follow=True)
    person.refresh_from_db()
    assert person.phone == "+6281311112222"
    entry = AuditEntry.objects.get(target_id=str(person.pk), action="update")
    assert entry.reason == "Warga ganti nomor HP"
    assert entry.actor == users_by_role[Role.KELURAHAN_OPERATOR]
    assert entry.changes["phone"] == {"old": "+628*******432", "new": "+628*******222"}
    page = response.content.decode()
    assert "Warga ganti nomor HP" in page and "+628*******222" in page


def test_a_phone_corrected_to_another_persons_number_waits_in_the_duplicate_queue(
    users_by_role: dict[str, User],
) -> None:
    neighbour = resident("Budi Santoso", phone="+6281311112222")
    person = resident("Siti Aminah", phone="+6281298765432")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    client.post(f"/persons/{person.public_id}/contact/", correction())
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.person, candidate.similar_to) == (person, neighbour)
    assert candidate.reason == DuplicateReason.SAME_PHONE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "Bidang ini tidak boleh kosong"),
        ({"reason": "hp"}, "Tulis mengapa data diperbaiki"),
        ({"phone": "12345"}, "awalan 08…, 62…, atau +62…"),
        ({"email": "bukan-email"}, "Ini bukan alamat e-mail"),
    ],
)
def test_a_correction_without_a_reason_or_with_bad_data_saves_nothing(
    users_by_role: dict[str, User], changes: dict[str, str], message: str
) -> None:
    person = resident("Siti Aminah", phone="+6281298765432")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.post(f"/persons/{person.public_id}/contact/", correction(**changes))
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.phone == "+6281298765432"
    assert not AuditEntry.objects.filter(target_id=str(person.pk), action="update").exists()
    assert message in response.content.decode()


def test_an_operator_cannot_move_a_person_out_of_their_area(users_by_role: dict[str, User]) -> None:
    person = resident("Siti Aminah")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    elsewhere = str(kelurahan(KERONCONG).pk)
    client.post(f"/persons/{person.public_id}/contact/", correction(domicile_kelurahan=elsewhere))
    person.refresh_from_db()
    assert person.domicile_kelurahan_id == kelurahan(SUKARASA).pk


def test_the_duplicate_review_shows_what_differs_and_links_both_people(
    users_by_role: dict[str, User],
) -> None:
    first = resident("Siti Aminah", phone="+6281111111111", address="Jl. Mawar 1")
    second = resident("Siti Aminah", phone="+6282222222222", address="Jl. Mawar 1")
    page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get("/persons/duplicates/")
    text = page.content.decode()
    assert f"/persons/{first.public_id}/" in text and f"/persons/{second.public_id}/" in text
    rows = text.split('<tr class="differs">')[1:]
    differing = sorted(row.split("<span")[0].split(">")[-1].strip() for row in rows)
    assert differing == ["NIK", "Telepon"]
    assert "+628*******111" in text and "+628*******222" in text
    assert first.nik_masked in text and second.nik_masked in text


def test_a_number_searched_within_a_kelurahan_keeps_the_kelurahan_chosen(
    users_by_role: dict[str, User],
) -> None:
    person = resident("Siti Aminah", BABAKAN, phone="+6281298765432")
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    page = client.post("/persons/", {"q": "081298765432", "kelurahan": BABAKAN}).content.decode()
    assert f"/persons/{person.public_id}/" in page
    assert f'<option value="{BABAKAN}" selected>' in page
    assert 'name="q" value=' not in page  # the number typed is not shown back


def test_a_download_asked_for_with_a_number_in_its_address_is_refused(
    users_by_role: dict[str, User],
) -> None:
    person = resident("Siti Aminah")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    response = client.get("/persons/residents.xlsx", {"q": decrypt_text(person.nik_encrypted)})
    assert response.status_code == 400
    assert "Ketik nomor di kotak pencarian" in response.content.decode()


def test_the_person_pages_audit_trail_reads_in_words_not_field_names_and_codes(
    users_by_role: dict[str, User],
) -> None:
    """The front desk reads the trail: "Penyandang disabilitas: Tidak", not the model's
    `has_disability: False` nor a choice's stored value."""
    person = resident("Siti Aminah", has_disability=False, education="senior")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    page = client.get(f"/persons/{person.public_id}/").content.decode()
    trail = page[page.index('data-testid="audit-trail"') :]
    for stored in ("has_disability", "education", "False", "senior", "<code>"):
        assert stored not in trail
    assert "SMA/SMK" in trail and "Tidak" in trail
