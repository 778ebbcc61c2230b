"""Where a grant's payout goes: the banks and e-wallets it can be paid through, and the
check of an account as typed (digits only, a length that fits the channel)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.enterprise.models import DisbursementChannel


class PayoutError(ApplicationError):
    code = "payout_refused"


@dataclass(frozen=True)
class Provider:
    code: str
    name: str
    channel: DisbursementChannel


# The partner bank (BJB) first, then the banks and e-wallets recipients most often hold.
PROVIDERS = [
    Provider("bjb", "Bank BJB", DisbursementChannel.BANK_TRANSFER),
    Provider("bri", "BRI", DisbursementChannel.BANK_TRANSFER),
    Provider("bni", "BNI", DisbursementChannel.BANK_TRANSFER),
    Provider("mandiri", "Bank Mandiri", DisbursementChannel.BANK_TRANSFER),
    Provider("bca", "BCA", DisbursementChannel.BANK_TRANSFER),
    Provider("bsi", "BSI", DisbursementChannel.BANK_TRANSFER),
    Provider("ovo", "OVO", DisbursementChannel.E_WALLET),
    Provider("gopay", "GoPay", DisbursementChannel.E_WALLET),
    Provider("dana", "DANA", DisbursementChannel.E_WALLET),
    Provider("linkaja", "LinkAja", DisbursementChannel.E_WALLET),
    Provider("shopeepay", "ShopeePay", DisbursementChannel.E_WALLET),
]
PROVIDERS_BY_CODE = {provider.code: provider for provider in PROVIDERS}

# Indonesian bank account numbers run from 10 digits (BCA, BNI, BSI) to 15 (BRI); an
# e-wallet is known by its mobile number, 08… of 10 to 13 digits.
BANK_ACCOUNT_DIGITS = (10, 16)
E_WALLET_DIGITS = (10, 13)
TYPED_SEPARATORS = re.compile(r"[\s.\-]")


def account_number_masked(number: str) -> str:
    """Return `number` with all but its last 4 digits hidden."""
    return "•" * max(len(number) - 4, 0) + number[-4:]


@dataclass(frozen=True)
class PayoutAccount:
    """Where the money goes, as typed: checked and normalised by `payout_account_checked`."""

    channel: str
    provider_code: str
    account_number: str
    account_name: str


def payout_account_checked(account: PayoutAccount) -> PayoutAccount:
    """Return `account` normalised (separators people type removed), or refuse it naming
    the field at fault."""
    if account.channel not in DisbursementChannel.values:
        raise PayoutError(
            _("Choose a bank transfer or an e-wallet."),
            code="payout_channel_unknown",
            details={"field": "channel"},
        )
    provider = PROVIDERS_BY_CODE.get(account.provider_code)
    if provider is None or provider.channel != account.channel:
        raise PayoutError(
            _("Choose a bank or e-wallet of the channel chosen."),
            code="payout_provider_unknown",
            details={"field": "provider_code"},
        )
    number = TYPED_SEPARATORS.sub("", account.account_number)
    _account_number_check(number, DisbursementChannel(account.channel))
    name = " ".join(account.account_name.split())
    if not name:
        raise PayoutError(
            _("Give the account holder's name as the bank knows it."),
            code="payout_account_name_missing",
            details={"field": "account_name"},
        )
    return PayoutAccount(account.channel, provider.code, number, name[:150])


def _account_number_check(number: str, channel: DisbursementChannel) -> None:
    if channel == DisbursementChannel.E_WALLET:
        shortest, longest = E_WALLET_DIGITS
        fits = number.isdigit() and number.startswith("08") and shortest <= len(number) <= longest
        message = _("An e-wallet is paid to its mobile number: 08…, %(min)s to %(max)s digits.")
    else:
        shortest, longest = BANK_ACCOUNT_DIGITS
        fits = number.isdigit() and shortest <= len(number) <= longest
        message = _("A bank account number has %(min)s to %(max)s digits, and digits only.")
    if not number.isascii() or not fits:
        raise PayoutError(
            message % {"min": shortest, "max": longest},
            code="payout_account_number_invalid",
            details={"field": "account_number"},
        )
