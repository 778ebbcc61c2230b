"""PAR30/PAR90 and the arrears ageing of 10,000 group loans with two years of repayments
(target: under 1 s on PostgreSQL), computed in the database by balai.enterprise.portfolio,
against the obvious per-loan Python loop over the same rows, measured in the same run.

The portfolio: 2,000 groups of five in Kota Tangerang's 104 kelurahan, one loan per member
(Rp500.000-2.000.000, 24 monthly instalments), disbursed 12 to 27 months ago, so that two
years of repayments lie behind the oldest. Most borrowers pay every instalment, some late;
some stopped paying 1 to 12 months ago; some pay part; a few loans are written off; the
loans fully repaid are closed. Rows are written with bulk_create (repayments and their
allocations too, for the as-of-a-past-date figure), not through the services: this measures
reading, not writing.

Both sides must give the same ageing. The loop reads every active loan with its instalments
(prefetched: two queries) and classifies them in Python, as a first version would. CPU time
is this process's (the database's own work shows in the wall time only).
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

from _scratch import start_django

start_django("portfolio")

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from balai.accounts.models import Role, User  # noqa: E402
from balai.enterprise.models import (  # noqa: E402
    BusinessGroup,
    BusinessType,
    GroupStatus,
    Loan,
    LoanApplication,
    LoanApplicationStatus,
    LoanInstallment,
    LoanProduct,
    LoanRepayment,
    LoanStatus,
    RepaymentAllocation,
)
from balai.enterprise.portfolio import (  # noqa: E402
    BANDS,
    Breakdown,
    PortfolioQuality,
    portfolio_loans,
    portfolio_quality,
    portfolio_quality_by,
)
from balai.enterprise.schedules import schedule_for  # noqa: E402
from balai.regions.models import Kelurahan  # noqa: E402
from balai.regions.services import regions_load  # noqa: E402
from balai.registry.models import Person  # noqa: E402

GROUPS, MEMBERS, TENOR = 2_000, 5, 24
ROUNDS, BASELINE_ROUNDS = 7, 3
BATCH = 5_000
Result = TypeVar("Result")


def timed(work: Callable[[], Result], rounds: int) -> tuple[float, float, Result]:
    """Median wall and CPU seconds of `rounds` runs, and the last result."""
    wall, cpu = [], []
    for _round in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def build(today: datetime.date, rng: random.Random) -> User:
    """Write the portfolio; return an admin to read it as."""
    regions_load(code="36.71")
    admin = User.objects.create(username="bench-admin", role=Role.ADMIN)
    places = list(Kelurahan.objects.order_by("code"))
    product = LoanProduct.objects.create(
        code="emas-bench", name="Tangerang Emas", min_amount=500_000, max_amount=2_000_000,
        tenor_months=TENOR,
    )  # fmt: skip
    groups = BusinessGroup.objects.bulk_create(
        BusinessGroup(
            name=f"Kelompok {number}", business_type=BusinessType.FOOD,
            kelurahan=places[number % len(places)], status=GroupStatus.ACTIVE,
        )
        for number in range(GROUPS)
    )  # fmt: skip
    people = Person.objects.bulk_create(
        (
            Person(
                nik_encrypted="-", nik_hash=f"bench-{number}", nik_masked="3671********0001",
                full_name=f"Peminjam {number}", birth_date=datetime.date(1990, 1, 1), sex="F",
                domicile_kelurahan=groups[number // MEMBERS].kelurahan,
            )
            for number in range(GROUPS * MEMBERS)
        ),
        batch_size=BATCH,
    )  # fmt: skip
    applications = LoanApplication.objects.bulk_create(
        LoanApplication(
            product=product, group=group, kelurahan=group.kelurahan,
            business_purpose="Modal", status=LoanApplicationStatus.DISBURSED,
        )
        for group in groups
    )  # fmt: skip
    loans = []
    for number, person in enumerate(people):
        application = applications[number // MEMBERS]
        loans.append(
            Loan(
                application=application, product=product, borrower=person,
                group=application.group, principal=rng.choice([500_000, 1_000_000, 2_000_000]),
                admin_fee=0, disbursed_on=today - datetime.timedelta(days=rng.randint(365, 820)),
            )
        )  # fmt: skip
    _repayment_history(loans, today, rng, admin)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have, long before a report is read
    return admin


def _repayment_history(
    loans: list[Loan], today: datetime.date, rng: random.Random, admin: User
) -> None:
    installments, paid_ons = [], []
    for loan in loans:
        behaviour = rng.random()
        stopped_months = rng.randint(1, 12) if behaviour < 0.20 else 0
        late_days = rng.choice([0, 0, 0, 3, 10, 25]) if behaviour < 0.90 else 40
        schedule = schedule_for(
            principal=loan.principal, disbursed_on=loan.disbursed_on, frequency="monthly",
            tenor_months=TENOR,
        )  # fmt: skip
        due_count = sum(1 for row in schedule if row.due_on <= today)
        paid_count = max(0, due_count - stopped_months)
        for row in schedule:
            paid_on = row.due_on + datetime.timedelta(days=late_days)
            paid = row.principal_due if row.number <= paid_count and paid_on <= today else 0
            if 0.20 <= behaviour < 0.28 and row.number == paid_count and paid:
                paid //= 2  # paid part of the last instalment it paid
            installments.append(
                LoanInstallment(
                    loan=loan, number=row.number, due_on=row.due_on,
                    principal_due=row.principal_due, principal_paid=paid,
                    paid_off_on=paid_on if paid == row.principal_due else None,
                )
            )  # fmt: skip
            paid_ons.append(paid_on)
        if all(item.principal_paid == item.principal_due for item in installments[-TENOR:]):
            loan.status, loan.closed_on = LoanStatus.CLOSED, max(paid_ons[-TENOR:])
        elif behaviour < 0.03:  # some of those who stopped paying
            loan.status, loan.closed_on = LoanStatus.WRITTEN_OFF, today
    # The loans are written once their status is known; their instalments then take their ids.
    Loan.objects.bulk_create(loans, batch_size=BATCH)
    LoanInstallment.objects.bulk_create(installments, batch_size=BATCH)
    repaid = [
        (item, on) for item, on in zip(installments, paid_ons, strict=True) if item.principal_paid
    ]
    repayments = LoanRepayment.objects.bulk_create(
        (
            LoanRepayment(
                loan=item.loan, amount=item.principal_paid, paid_on=on,
                idempotency_key=f"bench-{item.loan.pk}-{item.number}", recorded_by=admin,
            )
            for item, on in repaid
        ),
        batch_size=BATCH,
    )  # fmt: skip
    RepaymentAllocation.objects.bulk_create(
        (
            RepaymentAllocation(repayment=repayment, installment=item, amount=item.principal_paid)
            for repayment, (item, _on) in zip(repayments, repaid, strict=True)
        ),
        batch_size=BATCH,
    )


def ageing_plainly(admin: User, today: datetime.date) -> list[tuple[int, int, int]]:
    """The obvious loop: every active loan with its instalments, classified in Python."""
    totals = [[0, 0, 0] for _band in BANDS]
    loans = portfolio_loans(user=admin).filter(status=LoanStatus.ACTIVE, disbursed_on__lte=today)
    for loan in loans.prefetch_related("installments"):
        outstanding = arrears = 0
        overdue_since = None
        for item in sorted(loan.installments.all(), key=lambda item: item.due_on):
            owed = item.principal_due - item.principal_paid
            outstanding += owed
            if item.due_on < today and owed > 0:
                arrears += owed
                overdue_since = overdue_since or item.due_on
        days = (today - overdue_since).days if overdue_since else 0
        index = next(
            i for i, band in enumerate(BANDS) if band.highest is None or days <= band.highest
        )
        totals[index][0] += 1
        totals[index][1] += outstanding
        totals[index][2] += arrears
    return [(loans_, outstanding, arrears) for loans_, outstanding, arrears in totals]


def ageing_of(quality: PortfolioQuality) -> list[tuple[int, int, int]]:
    return [(bucket.loans, bucket.outstanding, bucket.arrears) for bucket in quality.buckets]


def main() -> None:
    today, rng = timezone.localdate(), random.Random(1)
    started = time.perf_counter()
    admin = build(today, rng)
    built = time.perf_counter() - started
    count = Loan.objects.count()
    rows = LoanInstallment.objects.count()
    allocations = RepaymentAllocation.objects.count()
    print(
        f"portfolio: {count} loans, {rows} instalments, {allocations} allocations "
        f"(written in {built:.0f} s)"
    )
    loans = portfolio_loans(user=admin)
    seconds, cpu, quality = timed(lambda: portfolio_quality(loans=loans, as_of=today), ROUNDS)
    print(
        f"PAR30/PAR90 + ageing, in the database: median {seconds * 1000:.0f} ms wall, "
        f"{cpu * 1000:.0f} ms CPU over {ROUNDS} rounds (target under 1 s)"
    )
    print(
        f"  {quality.loans} active loans, PAR30 {quality.par30_percent}%, "
        f"PAR90 {quality.par90_percent}%, repayment rate {quality.repayment_rate_percent}%"
    )
    print("  " + ", ".join(f"{b.band.key}: {b.loans}" for b in quality.buckets))
    by_seconds, _cpu, _areas = timed(
        lambda: portfolio_quality_by(loans=loans, breakdown=Breakdown.KELURAHAN, as_of=today),
        ROUNDS,
    )
    past = today - datetime.timedelta(days=180)
    past_seconds, _cpu, _past = timed(lambda: portfolio_quality(loans=loans, as_of=past), ROUNDS)
    print(
        f"  by kelurahan: {by_seconds * 1000:.0f} ms; as of 180 days ago (from the "
        f"allocations): {past_seconds * 1000:.0f} ms"
    )
    loop_seconds, loop_cpu, plain = timed(lambda: ageing_plainly(admin, today), BASELINE_ROUNDS)
    assert plain == ageing_of(quality), (plain, ageing_of(quality))
    print(
        f"baseline, per-loan Python loop over the same rows (prefetched): median "
        f"{loop_seconds * 1000:.0f} ms wall, {loop_cpu * 1000:.0f} ms CPU over "
        f"{BASELINE_ROUNDS} rounds; same ageing; ratio {loop_seconds / seconds:.1f}x"
    )


if __name__ == "__main__":
    main()
