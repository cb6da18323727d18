"""Request parameters and error bodies as the OpenAPI schema states them.

Every value the schema allows is accepted (an empty selection rather than an error), and
every error has the one JSON shape ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from fastapi import Query, Request
from pydantic import BaseModel

from ..errors import InputError

MAX_OFFSET = 1_000_000_000
MAX_COUNT = 1_000_000
Kind = Literal["incidents", "events"]
SortKey = Literal["-date", "date", "-sources", "sources", "-confidence", "confidence", "-id", "id"]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
Modality = Literal["asserted", "reported", "alleged", "hypothetical", "future", "negated", "denied"]
BBOX_PATTERN = r"^\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?){3}\s*$"
MODALITY_VALUES: tuple[str, ...] = get_args(Modality)


def date_param(description: str) -> Any:
    """A ``YYYY-MM-DD`` query parameter, parsed by ``parse_date`` (not as a timestamp)."""
    return Query(description=description, json_schema_extra={"format": "date"})


DateParam = Annotated[str | None, date_param("a date, YYYY-MM-DD")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def reject_empty(request: Request, *names: str) -> None:
    """FastAPI reads ``?until=`` as absent; the schema says a date, so refuse it."""
    for name in names:
        if request.query_params.get(name) == "":
            raise InputError(f"{name} must be a date written YYYY-MM-DD, or left out")


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name} must be a date written YYYY-MM-DD, got {value!r}") from None


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("The request cannot be served as asked"),
    404: _error("No such record"),
    422: _error("A parameter is out of its allowed values"),
}
INGEST_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("Missing or wrong bearer token"),
    403: _error("The server is read-only (no token configured)"),
    413: _error("The body is over the size limit"),
}
