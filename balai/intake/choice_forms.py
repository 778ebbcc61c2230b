"""Programme choices on a form: a programme first, then where to take it.

Each rank has a select of the batch's programmes (a dozen or two options) and radio buttons
for the kelurahan offering the chosen one, nearest to home first. With JavaScript, htmx
fetches the radio buttons when the programme changes; without it, a "Show places" button
sends the form back to be drawn again with them (`ChoosingForm.redrawn`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balai.intake.choosing import OfferingOption, offering_options
from balai.intake.models import Batch, Offering
from balai.intake.selectors import offering_list, programme_offered_list
from balai.regions.models import Kelurahan

# The buttons that ask the server (without JavaScript) to draw the form again, not to save it.
SHOW_PLACES = "show_places"
PICK_PROGRAMME = "pick_programme"
# An offering's id as a form sends it: ASCII digits, few enough for a 64-bit key.
_OFFERING_ID = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class ChoiceRow:
    """One ranked choice as the template draws it."""

    rank: int
    programme: forms.BoundField
    name: str  # of the radio buttons
    options: list[OfferingOption]
    chosen: str
    errors: list[str]


class ChoosingForm(forms.Form):
    """A form with `batch.choice_count` ranked choices of offerings."""

    def __init__(
        self, *args: Any, batch: Batch, home: Kelurahan | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.home = home
        self.offerings = self._offerings_named()
        self.chosen_offerings: list[Offering] = []
        self.programmes_offered = dict(programme_offered_list(batch=batch))
        programmes = [("", "—"), *self.programmes_offered.items()]
        places_url = reverse("intake:offering_options", kwargs={"batch_code": batch.code})
        for rank in self.ranks:
            self.fields[f"programme_{rank}"] = forms.ChoiceField(
                label=_("Programme"),
                choices=programmes,
                required=False,
                widget=forms.Select(
                    attrs={
                        "data-programme-select": "",
                        "hx-get": f"{places_url}?rank={rank}",
                        "hx-trigger": "change",
                        "hx-target": f"#offerings-{rank}",
                        "hx-include": "[name=domicile_kelurahan]",
                    }
                ),
            )
            self.fields[f"choice_{rank}"] = forms.CharField(required=False, max_length=20)

    def _offerings_named(self) -> dict[str, Offering]:
        """Return the offerings the form's choices name, by id: only those are loaded, never
        the whole city's."""
        named = [
            str(source.get(f"choice_{rank}", ""))
            for source in (self.data, self.initial)
            for rank in range(1, self.batch.choice_count + 1)
        ]
        # Only what can be an id: "²" is a digit to Python and not to the database.
        ids = [value for value in named if _OFFERING_ID.fullmatch(value)]
        offerings = offering_list(batch=self.batch).filter(pk__in=ids) if ids else []
        return {str(offering.pk): offering for offering in offerings}

    @property
    def ranks(self) -> range:
        return range(1, self.batch.choice_count + 1)

    @classmethod
    def redrawn(cls, data: QueryDict, **kwargs: Any) -> Any:
        """Return the form drawn again from what was sent, without judging it (the no-script
        "Show places" and one-tap suggestion buttons): the typed values are kept, no errors."""
        initial = data.dict()
        picked = str(initial.pop(PICK_PROGRAMME, ""))
        initial.pop(SHOW_PLACES, None)
        form = cls(initial=initial, **kwargs)
        if picked:
            form.programme_place(picked)
        return form

    def programme_place(self, programme_code: str) -> None:
        """Put a picked programme in the first rank that has none (unless already chosen)."""
        codes = [self._initial_programme_code(rank) for rank in self.ranks]
        if programme_code in codes:
            return
        for rank, code in zip(self.ranks, codes, strict=True):
            if not code:
                self.initial[f"programme_{rank}"] = programme_code
                self.initial.pop(f"choice_{rank}", None)
                return

    def _initial_programme_code(self, rank: int) -> str:
        code = self.initial.get(f"programme_{rank}", "")
        offering = self.offerings.get(self.initial.get(f"choice_{rank}", ""))
        return str(code or (offering.programme.code if offering is not None else ""))

    def programme_code(self, rank: int) -> str:
        """Return the programme chosen at `rank`: as selected, or that of the place chosen."""
        code = self[f"programme_{rank}"].value() or ""
        if not code:
            offering = self.offerings.get(str(self[f"choice_{rank}"].value() or ""))
            code = offering.programme.code if offering is not None else ""
        return str(code)

    @property
    def choice_rows(self) -> list[ChoiceRow]:
        rows = []
        for rank in self.ranks:
            errors = [
                *self.errors.get(f"programme_{rank}", []),
                *self.errors.get(f"choice_{rank}", []),
            ]
            rows.append(
                ChoiceRow(
                    rank=rank,
                    programme=self[f"programme_{rank}"],
                    name=self.add_prefix(f"choice_{rank}"),
                    options=offering_options(
                        batch=self.batch, programme_code=self.programme_code(rank), home=self.home
                    ),
                    chosen=str(self[f"choice_{rank}"].value() or ""),
                    errors=errors,
                )
            )
        return rows

    def clean_choices(self, cleaned: dict[str, Any]) -> None:
        """Turn the ranks into offerings, adding an error to each rank that is wrong."""
        chosen: list[Offering] = []
        for rank in self.ranks:
            offering = self._offering_at(rank, cleaned)
            if offering is None:
                continue
            if offering in chosen:
                self.add_error(
                    f"choice_{rank}", _("Each choice must be a different programme or kelurahan.")
                )
            chosen.append(offering)
        if not chosen and not any(f"choice_{rank}" in self.errors for rank in self.ranks):
            self.add_error("choice_1", _("Choose a programme, then where to take it."))
        self.chosen_offerings = chosen

    def _offering_at(self, rank: int, cleaned: dict[str, Any]) -> Offering | None:
        programme_code = cleaned.get(f"programme_{rank}", "")
        value = cleaned.get(f"choice_{rank}", "")
        offering = self.offerings.get(value) if value else None
        if value and offering is None:
            self.add_error(f"choice_{rank}", _("A chosen programme is not offered in this batch."))
        elif offering is not None and programme_code and offering.programme.code != programme_code:
            self.add_error(
                f"choice_{rank}", _("The programme was changed: choose where to take it.")
            )
        elif offering is None and programme_code:
            self.add_error(f"choice_{rank}", _("Choose where to take this programme."))
        else:
            return offering
        return None

    def field_anchor(self, name: str) -> str:
        """Return the id the error summary links to for field `name`."""
        # A rank's errors link to its programme select, which is always on the page (the
        # radio buttons appear only once a programme is chosen).
        if name.startswith("choice_"):
            name = name.replace("choice_", "programme_")
        field = self[name]
        if isinstance(field.field.widget, forms.RadioSelect):
            return f"{field.auto_id}_0"
        return str(field.auto_id)

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        """Return (anchor, label, messages) for every field with errors, in page order; the
        form-wide ones come first, with no anchor."""
        order = {name: index for index, name in enumerate(self.page_order)}
        errors = sorted(self.errors.items(), key=lambda item: order.get(item[0], -1))
        return [
            ("", "", " ".join(map(str, messages)))
            if name == NON_FIELD_ERRORS
            else (self.field_anchor(name), self.summary_label(name), " ".join(map(str, messages)))
            for name, messages in errors
        ]

    @property
    def page_order(self) -> list[str]:
        """Return the field names in the order the page shows them."""
        return list(self.fields)

    def summary_label(self, name: str) -> str:
        """The field's name in the summary, before a colon (a question keeps its mark and
        the template adds none): the consent's whole sentence would read as a second one."""
        if name.startswith(("choice_", "programme_")):
            return str(_("Choice %(rank)s") % {"rank": name.rsplit("_", 1)[1]})
        if name == "consent":
            return str(_("Consent to the privacy statement"))
        return str(self.fields[name].label).rstrip(".:")


class ChoicesChangeForm(ChoosingForm):
    """A resident's new choices for an application while registration is open."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_choices(cleaned)
        return cleaned
