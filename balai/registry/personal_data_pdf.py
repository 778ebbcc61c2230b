"""A resident's own data as an A4 PDF (reportlab), in the language of the request.

Each section is a heading; each record a table of label and value; a list inside a record
(the sessions of a class) is one line per item, so that a twenty-session class stays short.
What people typed is escaped: reportlab's paragraphs read markup.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from balai.registry.data_subject import Entry, Item, PersonalData

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11, spaceAfter=3)
_TITLE = ParagraphStyle("title", parent=_BODY, fontName="Helvetica-Bold", fontSize=16, leading=20)
_SECTION = ParagraphStyle(
    "section", parent=_BODY, fontName="Helvetica-Bold", fontSize=13, leading=16
)
_RECORD = ParagraphStyle("record", parent=_BODY, fontName="Helvetica-Bold", fontSize=10, leading=13)
_LABEL = ParagraphStyle("label", parent=_BODY, textColor=colors.HexColor("#444444"))
_TABLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]
)


def _paragraph(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def personal_data_pdf(data: PersonalData) -> bytes:
    """The resident's data as a PDF, made afresh (nothing is stored)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.8 * cm,
        bottomMargin=1.8 * cm,
        title=_("Your personal data"),
        author="Balai",
        invariant=True,
    )
    document.build(_story(data))
    return buffer.getvalue()


def _story(data: PersonalData) -> list[Flowable]:
    made_at = formats.date_format(timezone.localtime(data.made_at), "DATETIME_FORMAT")
    story: list[Flowable] = [
        _paragraph(_("Your personal data"), _TITLE),
        _paragraph(
            _(
                "Everything Balai keeps about you, as of %(time)s. It holds your NIK whole: "
                "keep it as you would a photocopy of your KTP."
            )
            % {"time": made_at}
        ),
    ]
    for _name, title, entries in data.sections:
        story += [Spacer(1, 0.4 * cm), _paragraph(title, _SECTION)]
        if not entries:
            story.append(_paragraph(_("Nothing recorded.")))
        for entry in entries:
            story += [_paragraph(entry.title, _RECORD), _table(entry)]
    return story


def _table(entry: Entry) -> Table:
    rows = [[_paragraph(item.label, _LABEL), _value(item)] for item in entry.items]
    return Table(rows, colWidths=[4.5 * cm, 12.5 * cm], style=_TABLE, hAlign="LEFT")


def _value(item: Item) -> Paragraph:
    if isinstance(item.value, list):
        lines = [_line(entry) for entry in item.value] or ["—"]
        return _paragraph("\n".join(lines))
    return _paragraph(item.shown)


def _line(entry: Entry) -> str:
    """A record inside a record on one line: its values, as shown, after its title."""
    values = [item.shown for item in entry.items if item.shown != "—" and item.shown]
    return f"{entry.title}: {' · '.join(values)}"
