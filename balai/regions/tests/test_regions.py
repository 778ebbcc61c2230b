from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from balai.core.errors import ApplicationError
from balai.regions.models import Kecamatan, Kelurahan, Province, Regency
from balai.regions.naming import region_name_key
from balai.regions.selectors import kelurahan_find
from balai.regions.services import regions_load

pytestmark = pytest.mark.django_db


def test_it_loads_the_13_kecamatan_and_104_kelurahan_of_kota_tangerang() -> None:
    call_command("load_regions", "36.71", stdout=StringIO())
    assert Kecamatan.objects.filter(regency="36.71").count() == 13
    assert Kelurahan.objects.filter(kecamatan__regency="36.71").count() == 104
    assert Regency.objects.get(code="36.71").name == "Kota Tangerang"
    assert Province.objects.get(code="36").name == "Banten"


def test_it_keys_kelurahan_by_code_not_name() -> None:
    regions_load(code="36.71")
    # Kelurahan Jatiuwung lies in Kecamatan Cibodas, not in Kecamatan Jatiuwung.
    jatiuwung = Kelurahan.objects.get(code="36.71.09.1006")
    assert jatiuwung.name == "Jatiuwung"
    assert jatiuwung.kecamatan.name == "Cibodas"
    assert Kecamatan.objects.get(code="36.71.02").name == "Jatiuwung"


def test_loading_twice_changes_nothing() -> None:
    first = regions_load(code="36.71")
    before = list(Kelurahan.objects.values_list("code", "name", "kecamatan_id", "postal_code"))
    second = regions_load(code="36.71")
    after = list(Kelurahan.objects.values_list("code", "name", "kecamatan_id", "postal_code"))
    assert first == second
    assert before == after


def test_an_unknown_code_is_refused_and_nothing_is_changed() -> None:
    with pytest.raises(ApplicationError, match=r"99\.99"):
        regions_load(code="99.99")
    assert not Kelurahan.objects.exists()
    with pytest.raises(CommandError, match="tidak ada yang diubah"):
        call_command("load_regions", "99.99", stdout=StringIO())


def test_a_kelurahan_code_is_not_a_loadable_region() -> None:
    with pytest.raises(ApplicationError):
        regions_load(code="36.71.01.1001")


@pytest.mark.parametrize(
    "typed", ["Batujaya", "Batu Jaya", "BATU JAYA", "batu-jaya", "Kel. Batu Jaya", "36.71.03.1002"]
)
def test_it_finds_a_kelurahan_however_its_name_is_spelt(typed: str) -> None:
    regions_load(code="36.71")
    assert [place.code for place in kelurahan_find(text=typed, regency_code="36.71")] == [
        "36.71.03.1002"
    ]


def test_name_keys_ignore_case_spacing_punctuation_and_accents() -> None:
    assert region_name_key("Cibodas Sari") == region_name_key("CIBODASARI")
    assert region_name_key("Regapu\u2019u") == "regapu"  # a typographic apostrophe
    assert region_name_key("Nerogtog") != region_name_key("Neroktog")


def test_a_whole_province_loads_with_its_regencies() -> None:
    counts = regions_load(code="36")
    assert counts["regencies"] == Regency.objects.filter(province="36").count() == 8
    assert counts["kelurahan"] == Kelurahan.objects.count() > 1500
    assert set(Kelurahan.objects.values_list("kind", flat=True)) == {"kelurahan", "desa"}
