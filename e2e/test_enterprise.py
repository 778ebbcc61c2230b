"""Tangerang Emas in a browser: a group's leader applies for a loan, an admin who did not
submit it approves and disburses, the desk records what the treasurer brought, and the
treasurer finds the repayment on the group's statement, on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from balai.core.money import rupiah_label
from balai.demo.seed import DEMO_PASSWORD
from balai.enterprise.models import BusinessGroup
from balai.registry.models import Person
from e2e.pages import fits_the_screen, sign_in

AMOUNT_EACH = 1_000_000
BROUGHT_EACH = 100_000
RECEIPT = "KW-BERKAH-001"


def rupiah_read(cell: Locator) -> int:
    """The amount in a cell written as Rp4.500.000."""
    return int(cell.inner_text().strip().removeprefix("Rp").replace(".", ""))


def group_outstanding(page: Page) -> int:
    return rupiah_read(page.get_by_test_id("group-totals").locator("td").nth(4))


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


def test_a_group_borrows_and_the_treasurers_repayment_shows_on_its_statement(
    demo: None, live_server: Any, desktop: Page, second_desktop: Page, phone: Page, tmp_path: Path
) -> None:
    # The demo's first group, led by "ketua" with "bendahara" as treasurer, has no loan yet.
    group = BusinessGroup.objects.get(memberships__person__user__username="ketua")
    assert not group.loans.exists()
    treasurer = Person.objects.get(user__username="bendahara")
    leader = desktop
    finance = second_desktop

    # The leader applies for the whole group: an amount per member, joint liability accepted.
    sign_in(leader, live_server.url, "ketua", DEMO_PASSWORD)
    leader.goto(f"{live_server.url}/usaha/")
    expect(leader.get_by_test_id("group-name")).to_have_text(group.name)
    leader.get_by_role("link", name="Ajukan pinjaman").click()
    leader.get_by_label("Produk pinjaman").select_option(label="Tangerang Emas")
    amounts = leader.get_by_test_id("loan-apply-form").get_by_label("Jumlah untuk")
    members = amounts.count()
    assert members == group.memberships.filter(left_on=None).count() > 1
    for number in range(members):
        amounts.nth(number).fill("1.000.000")
    leader.get_by_label("Untuk apa pinjaman ini").fill("Modal bahan baku kue dan oven bersama.")
    leader.get_by_label("Kami menyetujui tanggung renteng").check()
    leader.get_by_role("button", name="Kirim pengajuan").click()
    expect(leader.get_by_test_id("application-status")).to_have_text("Dikirim")
    expect(leader.get_by_test_id("application-member")).to_have_count(members)
    # A participant decides nothing.
    expect(leader.get_by_test_id("decision-form")).to_have_count(0)

    # The finance admin, who did not submit it, approves it and disburses the loans today.
    sign_in(finance, live_server.url, "keuangan", DEMO_PASSWORD)
    finance.goto(f"{live_server.url}/usaha/")
    finance.get_by_test_id("waiting-loans-to-decide").get_by_role("link").click()
    finance.get_by_test_id("loan-application").filter(has_text=group.name).get_by_role(
        "link", name=group.name
    ).click()
    finance.get_by_label("Setujui").check()
    finance.get_by_role("button", name="Catat keputusan").click()
    expect(finance.get_by_test_id("application-status")).to_have_text(
        "Disetujui, menunggu pencairan"
    )
    expect(finance.get_by_label("Dicairkan pada")).to_have_value(timezone.localdate().isoformat())
    finance.get_by_role("button", name="Cairkan").click()
    expect(finance.get_by_test_id("member-schedule")).to_have_count(members)
    sign_out(finance)

    # An operator of the kelurahan next door may not record for this group...
    desk = finance
    sign_in(desk, live_server.url, "operator.kelurahan", DEMO_PASSWORD)
    refused = desk.goto(f"{live_server.url}/groups/{group.pk}/collection/")
    assert refused is not None
    assert refused.status == 404
    sign_out(desk)

    # ...the kecamatan's operator does: the treasurer brought each member's instalment.
    sign_in(desk, live_server.url, "operator.kecamatan", DEMO_PASSWORD)
    desk.goto(f"{live_server.url}/usaha/")
    desk.get_by_test_id("staff-links").get_by_role("link", name="Kelompok usaha").click()
    desk.get_by_role("link", name=group.name).first.click()
    desk.get_by_test_id("group-statement-link").click()
    outstanding_before = group_outstanding(desk)
    assert outstanding_before == members * AMOUNT_EACH
    desk.get_by_role("link", name="Catat setoran kelompok").click()
    lines = desk.get_by_test_id("collection-line")
    expect(lines).to_have_count(members)
    for number in range(members):
        lines.nth(number).get_by_role("textbox").fill("100.000")
    desk.get_by_label("Nomor kuitansi atau referensi bank").fill(RECEIPT)
    desk.get_by_role("button", name="Catat setorannya").click()
    brought = members * BROUGHT_EACH
    expect(desk.get_by_text(f"Setoran sebesar {rupiah_label(brought)}")).to_be_visible()

    # The treasurer opens the group's statement on a phone: the collection, by them, today,
    # and the group owes that much less.
    sign_in(phone, live_server.url, "bendahara", DEMO_PASSWORD)
    phone.goto(f"{live_server.url}/usaha/")
    phone.get_by_role("link", name="Buka kelompok saya").click()
    phone.get_by_test_id("group-statement-link").click()
    expect(phone.get_by_test_id("group-statement")).to_be_visible()
    collection = phone.get_by_test_id("collection")
    expect(collection).to_have_count(1)
    expect(collection).to_contain_text(timezone.localdate().strftime("%d-%m-%Y"))
    expect(collection).to_contain_text(treasurer.full_name)
    expect(collection).to_contain_text(RECEIPT)
    expect(collection).to_contain_text(rupiah_label(brought))
    assert group_outstanding(phone) == outstanding_before - brought
    assert fits_the_screen(phone)
    phone.screenshot(path=tmp_path / "group-statement.png", full_page=True)
    assert (tmp_path / "group-statement.png").stat().st_size > 0
