"""The registration form's questions as the operator at the office reads them.

The form speaks to whoever holds it, and at the kelurahan office that is the operator, who
asks the resident: "the resident's NIK", not "your NIK".
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

OPERATOR_LABELS = {
    "nik": _("The resident's NIK"),
    "kk_number": _("The resident's family card (KK) number"),
    "full_name": _("The resident's full name, as on the KTP"),
    "birth_date": _("The resident's birth date"),
    "sex": _("The resident's sex"),
    "phone": _("The resident's mobile phone number"),
    "email": _("The resident's e-mail (optional)"),
    "address": _("The resident's address (street, RT/RW)"),
    "domicile_kelurahan": _("Kelurahan where the resident lives now"),
    "education": _("The resident's highest education"),
    "employment_status": _("The resident's work now"),
    "income_band": _("The resident's household income per month"),
    "has_disability": _("Does the resident have a disability?"),
    "is_household_head": _("Is the resident the head of their household?"),
    "consent": _(
        "The resident has read the privacy statement (or had it read to them) and agrees to "
        "their data being used as it says."
    ),
}
OPERATOR_HELP = {
    "domicile_kelurahan": _(
        "Where the resident lives now, which may differ from the address on their KTP."
    ),
    "phone": _("Only the resident's own mobile number: codes to sign in are sent to it."),
}
