"""Balai's NinjaAPI: one error shape, one transaction per write, and every answer documented."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from balai.api.errors import install_error_handlers
from balai.api.schemas import ErrorOut
from balai.api.transactions import writes_in_one_transaction

# Answers any operation can give besides its own, each in the one error shape.
COMMON_ERRORS = {
    400: "The request cannot be read (a body that is not JSON, a character not allowed).",
    401: "The bearer token is not valid, or signing in is needed and nobody is signed in.",
    503: "The database is briefly out of reach: try again after Retry-After seconds.",
}
SIGNED_IN_ERRORS = {403: "The caller's role may not use this operation."}
PATH_ERRORS = {404: "Nothing with this identifier, or it is outside the caller's area."}
INPUT_ERRORS = {422: "The input is not valid: `details.errors` names each field and why."}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer"},
    }
}


class BalaiApi(NinjaAPI):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        install_error_handlers(self)
        self.add_decorator(writes_in_one_transaction, mode="view")

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {}).setdefault(
            "ErrorOut", ErrorOut.model_json_schema()
        )
        for operations in schema["paths"].values():
            for operation in operations.values():
                document_errors(operation)
        return schema


def document_errors(operation: dict[str, Any]) -> None:
    """Add to an operation's responses the errors that every operation like it can give."""
    errors = dict(COMMON_ERRORS)
    parameters = operation.get("parameters", [])
    if operation.get("security"):
        errors |= SIGNED_IN_ERRORS
    if any(parameter["in"] == "path" for parameter in parameters):
        errors |= PATH_ERRORS
    if parameters or "requestBody" in operation:
        errors |= INPUT_ERRORS
    responses = operation.setdefault("responses", {})
    declared = {int(status) for status in responses}
    for status, description in errors.items():
        if status in declared:
            continue
        responses[status] = {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        }
    if 503 in responses:
        responses[503].setdefault("headers", RETRY_AFTER)
