"""The certificate as a one-page A4 PDF in Indonesian, with its QR code (reportlab)."""

from __future__ import annotations

import datetime
import io

import segno
from django.conf import settings
from django.http import HttpResponse
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from balai.training.certificates.services import verification_url
from balai.training.models import Certificate

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
QR_SIZE = 5.5 * cm
QR_MASK = 1  # see _draw_qr


def certificate_pdf_response(certificate: Certificate) -> HttpResponse:
    """The PDF as a download named after the certificate's number."""
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.number}.pdf"'
    return response


def _date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, made afresh from what was issued (nothing is stored)."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)
    canvas.setTitle(f"Sertifikat {certificate.number}")
    canvas.setAuthor("Balai")
    canvas.setLineWidth(3)
    canvas.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)

    middle = width / 2
    canvas.setFont("Helvetica-Bold", 28)
    canvas.drawCentredString(middle, height - 3.5 * cm, "SERTIFIKAT PELATIHAN")
    canvas.setFont("Helvetica", 12)
    canvas.drawCentredString(middle, height - 4.4 * cm, f"Nomor: {certificate.number}")
    canvas.drawCentredString(middle, height - 5.6 * cm, "Diberikan kepada")
    canvas.setFont("Helvetica-Bold", 22)
    canvas.drawCentredString(middle, height - 6.8 * cm, certificate.holder_name)
    canvas.setFont("Helvetica", 12)
    lines = [
        f"telah menyelesaikan pelatihan {certificate.programme_name} "
        f"selama {certificate.hours} jam pelajaran",
        f"di Kelurahan {certificate.kelurahan_name}, {_date(certificate.starts_on)} "
        f"sampai {_date(certificate.ends_on)},",
        "dan dinyatakan kompeten pada unit kompetensi:",
    ]
    y = height - 8.0 * cm
    for line in lines:
        canvas.drawCentredString(middle, y, line)
        y -= 0.6 * cm
    canvas.setFont("Helvetica", 10)
    for code, title in certificate.units:
        canvas.drawString(4 * cm, y, f"{code}  {title}")
        y -= 0.5 * cm

    canvas.setFont("Helvetica", 11)
    right = width - 4 * cm
    place = settings.CERTIFICATE_PLACE
    canvas.drawRightString(right, 4.6 * cm, f"{place}, {_date(certificate.issued_on)}")
    canvas.drawRightString(right, 2.4 * cm, certificate.signatory)

    _draw_qr(canvas, verification_url(certificate), 2 * cm, 1.6 * cm)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(
        2 * cm, 1.3 * cm, "Periksa keaslian: pindai kode QR ini atau buka halaman verifikasi."
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_qr(canvas: Canvas, text: str, left: float, bottom: float) -> None:
    """The QR code of `text`, QR_SIZE square, its lower left corner at (left, bottom).

    segno encodes it; each run of dark modules in a row is one rectangle of a single path,
    drawn in module units (measured: thirty times faster than reportlab's QR widget, which
    draws every module as its own shape). The mask is fixed rather than chosen by the
    standard's penalty scores, which takes most of the encoding time; any mask is valid and
    the printed code reads as well."""
    code = segno.make(text, error="m", mask=QR_MASK)
    rows = list(code.matrix_iter(border=0))
    canvas.saveState()
    canvas.translate(left, bottom + QR_SIZE)
    canvas.scale(QR_SIZE / len(rows), -QR_SIZE / len(rows))  # y downwards, one unit a module
    path = canvas.beginPath()
    for row_number, row in enumerate(rows):
        start = None
        for column, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                path.rect(start, row_number, column - start, 1)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
