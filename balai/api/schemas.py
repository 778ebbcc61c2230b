from ninja import Schema


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]
