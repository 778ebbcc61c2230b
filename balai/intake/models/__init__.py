"""Batches (gelombang), their offerings and quotas, residents' applications to them, and the
allocation of seats."""

from balai.intake.models.allocation import (
    AllocationCutoff,
    AllocationPlacement,
    AllocationRun,
    AllocationRunStatus,
)
from balai.intake.models.applications import (
    Application,
    ApplicationChoice,
    ApplicationStatus,
    Channel,
    Consent,
)
from balai.intake.models.batches import Batch, Offering, SeatAssignment
from balai.intake.models.imports import ImportStatus, ImportUpload
from balai.intake.models.offers import SEAT_HOLDING, Offer, OfferStatus, WaitlistEntry

__all__ = [
    "SEAT_HOLDING",
    "AllocationCutoff",
    "AllocationPlacement",
    "AllocationRun",
    "AllocationRunStatus",
    "Application",
    "ApplicationChoice",
    "ApplicationStatus",
    "Batch",
    "Channel",
    "Consent",
    "ImportStatus",
    "ImportUpload",
    "Offer",
    "OfferStatus",
    "Offering",
    "SeatAssignment",
    "WaitlistEntry",
]
