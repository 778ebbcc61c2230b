"""The certificate as a one-page A4 PDF in Indonesian, with its QR code (reportlab)."""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
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


def _date(day: object) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # type: ignore[attr-defined]


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
    canvas.drawRightString(right, 4.6 * cm, f"Kota Tangerang, {_date(certificate.issued_on)}")
    canvas.drawRightString(right, 2.4 * cm, certificate.signatory)

    widget = QrCodeWidget(verification_url(certificate), barLevel="M")
    left, bottom, right_edge, top = widget.getBounds()
    drawing = Drawing(
        QR_SIZE,
        QR_SIZE,
        transform=[QR_SIZE / (right_edge - left), 0, 0, QR_SIZE / (top - bottom), 0, 0],
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 2 * cm, 1.6 * cm)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(
        2 * cm, 1.3 * cm, "Periksa keaslian: pindai kode QR ini atau buka halaman verifikasi."
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
