"""Issuing certificates: signing and rendering 10,400 PDFs (the city's participants) on one
core, reported per second (target: at least 50 a second), against the same page without its
QR code, measured in the same run."""

from __future__ import annotations

import datetime
import io
import time

from _scratch import start_django

start_django("certificates")

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from balai.training.certificates.pdf import certificate_pdf  # noqa: E402
from balai.training.certificates.services import (  # noqa: E402
    certificate_number,
    certificate_payload,
)
from balai.training.certificates.signing import signed_text  # noqa: E402
from balai.training.models import Certificate, SigningKey  # noqa: E402

COUNT = 10_400
UNITS = [["TATA-BOGA.01", "Menerapkan keamanan pangan"], ["TATA-BOGA.02", "Mengolah makanan"]]


def certificates(count: int) -> list[Certificate]:
    """`count` certificates as issued (in memory: the database is not what is measured)."""
    key = SigningKey(key_id="bench")
    private_key = Ed25519PrivateKey.generate()
    made = []
    for index in range(count):
        certificate = Certificate(
            number=certificate_number(),
            holder_name=f"Siti Nurhaliza Putri {index}",
            programme_name="Instalasi Listrik Rumah Tangga",
            hours=60,
            kelurahan_name="Sukarasa",
            starts_on=datetime.date(2027, 1, 4),
            ends_on=datetime.date(2027, 2, 26),
            units=UNITS,
            signatory="Kepala Dinas Ketenagakerjaan Kota Tangerang",
            issued_on=datetime.date(2027, 3, 1),
            key=key,
        )
        certificate.signed_payload = signed_text(certificate_payload(certificate), private_key)
        made.append(certificate)
    return made


def plain_page(certificate: Certificate) -> bytes:
    """The baseline: the certificate's text on an A4 page, no QR code, no frame."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), invariant=True)
    canvas.setFont("Helvetica", 12)
    for line, text in enumerate(
        [certificate.number, certificate.holder_name, certificate.programme_name]
    ):
        canvas.drawString(100, 500 - 20 * line, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    started = time.perf_counter()
    issued = certificates(COUNT)
    signing = time.perf_counter() - started
    print(f"signing {COUNT:,} payloads: {signing:.1f} s ({COUNT / signing:,.0f} a second)")
    started = time.perf_counter()
    size = sum(len(certificate_pdf(certificate)) for certificate in issued)
    seconds = time.perf_counter() - started
    rate = COUNT / seconds
    print(
        f"rendering {COUNT:,} certificate PDFs on one core: {seconds:.1f} s, "
        f"{rate:,.0f} a second (target 50), {size / COUNT / 1024:.0f} KiB each"
    )
    sample = issued[:2000]
    started = time.perf_counter()
    for certificate in sample:
        plain_page(certificate)
    baseline = len(sample) / (time.perf_counter() - started)
    print(f"baseline, the text alone: {baseline:,.0f} a second; ratio {baseline / rate:.1f}x")


if __name__ == "__main__":
    main()
