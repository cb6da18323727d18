"""Schemathesis against ``/openapi.json``: generated requests never get a 5xx or a response
that breaks the schema (status codes, content types, declared bodies).

Quick profile: 25 cases per operation. ``SITREP_HYPOTHESIS_PROFILE=slow`` runs 10,000 per
operation (a long run: about an hour on two cores).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    status_code_conformance,
)

from sitrep.settings import Settings
from sitrep.store import open_store
from sitrep.web.app import create_app
from sitrep.web.synthetic import fill_sample

SLOW = os.environ.get("SITREP_HYPOTHESIS_PROFILE") == "slow"
EXAMPLES = int(os.environ.get("SITREP_HYPOTHESIS_EXAMPLES", 10_000 if SLOW else 25))


class RefuseToParse:
    """Stands in for the pipeline: an authorised ingest must never reach it in this test."""

    def pipe(self, docs: Any) -> Any:
        raise AssertionError("schemathesis reached the pipeline without the token")


def build_schema() -> Any:
    """The app over a sample store in a temporary directory that lives as long as the module."""
    path = Path(_TMP.name) / "api.db"
    store = open_store(f"sqlite:///{path}")
    fill_sample(store)
    token = "not-guessable-" + os.urandom(8).hex()
    app = create_app(Settings(api_token=token), store, resources_loader=RefuseToParse)
    # no crash cache: schemathesis would otherwise write .schemathesis/ into the work tree
    config = SchemathesisConfig.from_dict({"cache": {"enabled": False}})
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


_TMP = tempfile.TemporaryDirectory(prefix="sitrep-schemathesis-")
schema = build_schema()


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
# Web-layer findings of the first runs, fixed since (declared 4xx responses, strict dates and
# enums, bounded integers); kept as their own test so a regression names its check.
STRICT_CHECKS = [status_code_conformance, negative_data_rejection, positive_data_acceptance]


@pytest.mark.slow
@schema.parametrize()
@SETTINGS
def test_security_schemathesis_no_5xx_no_schema_violation(case: Any) -> None:
    """No 5xx; content types, headers and bodies of responses conform to the schema."""
    response = case.call_and_validate(excluded_checks=STRICT_CHECKS)
    assert response.status_code < 500


@pytest.mark.slow
@schema.parametrize()
@SETTINGS
def test_security_schemathesis_status_codes_and_strict_inputs(case: Any) -> None:
    """Only documented status codes; invalid input refused, valid input accepted."""
    case.call_and_validate(checks=STRICT_CHECKS)
