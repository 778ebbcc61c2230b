import uuid

from ninja import Field, Schema


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class JobStarted(Schema):
    """Answer to a request that starts long work."""

    job_id: uuid.UUID = Field(description="Follow it at /api/v1/jobs/{job_id}.")
