from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from balai.core.money import rupiah_label
from balai.enterprise.ledger_selectors import books_check


class Command(BaseCommand):
    help = (
        "Check that the books balance: every ledger transaction's debits equal its credits, "
        "none is empty, every loan's receivable is what its instalments still owe, every "
        "grant's payable is within the grant, and every reversal mirrors its original. "
        "Prints the totals and OK, or each problem with the ids at fault and exits with "
        "status 1: run it from cron or CI."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        check = books_check()
        ledger = check.ledger
        self.stdout.write(
            f"transactions {ledger.transaction_count}, "
            f"debits {rupiah_label(ledger.total_debits)}, "
            f"credits {rupiah_label(ledger.total_credits)}"
        )
        if check.balances:
            self.stdout.write("OK")
            return
        if ledger.total_debits != ledger.total_credits:
            self.stdout.write("total debits and credits differ")
        for name, ids in check.problems:
            self.stdout.write(f"{name}: {', '.join(str(pk) for pk in ids)}")
        raise CommandError("The books do not balance.")
