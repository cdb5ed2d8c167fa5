"""The read API fuzzed from its own OpenAPI description (schemathesis, through Django's WSGI
application: no network). For every operation, generated parameters — valid and invalid —
never cause a server error, and every answer conforms to the schema (status code documented,
content type, body shape)."""

from datetime import timedelta

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.utils import timezone
from hypothesis import settings
from schemathesis import checks

from consultations.models import Comment, Confidentiality, CoSignature, CoSignatureStatus, ModerationState
from drafts.models import Provision
from portal.models import MembershipRole, OrganizationKind
from tests.factories import MembershipFactory, OrganizationFactory

from .fuzzing import FUZZ_SEED, XSS, fuzz

EXAMPLES_PER_OPERATION = 25
INSTRUMENT = "declaration"  # the slug of the version fixture's instrument


@pytest.fixture
def api_data(round, delegate, state_org, expert, ngo, ngo_member):
    """Something to answer with: comments of every kind, including markup and every script."""
    paragraph = Provision.objects.get(version=round.version, label="1")
    texts = [*XSS, "ينبغي أن يشمل التضامن الدولي", "国际团结", "Ünïcödé\u200f mixed", "=1+1"]
    for index, text in enumerate(texts):
        author, organization = (expert, None) if index % 3 == 0 else (delegate, state_org)
        comment = Comment.objects.create(
            round=round,
            version=round.version,
            provision=paragraph if index % 2 else None,
            text=text,
            language="en",
            author=author,
            organization=organization,
            state=ModerationState.PUBLISHED,
            on_behalf_note=text[:200],
            confidentiality=Confidentiality.ANONYMOUS if index == 1 else Confidentiality.PUBLIC,
            created_at=timezone.now() - timedelta(minutes=index),
        )
    CoSignature.objects.create(comment=comment, organization=ngo, status=CoSignatureStatus.CONFIRMED)
    OrganizationFactory(name_en=XSS[0], kind=OrganizationKind.NGO)
    MembershipFactory(organization=ngo, role=MembershipRole.FOCAL_POINT)


# Loaded when the module is collected: the description is served without a database query.
# (schemathesis' lazy `from_fixture` loader does not run under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
if FUZZ_SEED:  # schemathesis draws from a seed of its own, not from hypothesis' global one
    schema.config.seed = int(FUZZ_SEED)


@pytest.fixture
def one_connection():
    """Django's WSGI handler closes the database connection after each request (on PostgreSQL
    that would end the test's transaction); its test client does not, and neither do we."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@fuzz(max_examples=EXAMPLES_PER_OPERATION)
def test_every_api_operation_conforms_to_its_schema(case, api_data, one_connection, tally):
    tally["fuzz_examples"] += 1
    cache.clear()  # the per-visitor rate limit would otherwise answer 429 to most examples
    query = case.query or {}
    if case.operation.path.endswith("/comments") and "version" in query and "instrument" not in query:
        _check_version_without_instrument(case, query)
        return
    if query.get("cursor"):  # (an empty cursor is the first page)
        # Cursors are signed: any string fits the schema, but one the API did not issue is
        # refused (400) rather than read as a position in the list.
        response = case.call()
        assert response.status_code == 400, response.text
        case.validate_response(response, excluded_checks=[checks.positive_data_acceptance])
        return
    case.call_and_validate()


def _check_version_without_instrument(case, query):
    """A rule across two parameters that OpenAPI cannot express (it is in the parameter's
    description): versions are numbered per instrument, so `version` without `instrument` is
    refused with a 400 and a JSON detail. The parameters are checked one by one first: the
    detail names those that are invalid on their own, exactly as it would with the instrument
    given; when nothing else is wrong, it asks for the instrument."""
    refused = case.call()
    case.validate_response(refused, excluded_checks=[checks.positive_data_acceptance])
    assert refused.status_code == 400, refused.text
    detail = refused.json()["detail"]
    case.query = {**query, "instrument": INSTRUMENT}
    given = case.call()
    if given.status_code == 200:
        assert "instrument" in detail, detail
    else:
        assert given.status_code == 400, given.text
        # Either the faults found before the rule (the same detail), or the rule itself
        # (faults found after it, such as a cursor the API did not sign, come next).
        assert detail == given.json()["detail"] or "instrument" in detail, (detail, given.json()["detail"])


@pytest.mark.django_db
def test_the_schema_describes_every_route():
    operations = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert len(operations) == 9, operations
    assert all(method == "GET" for method, _path in operations), "the API is read-only"


# Hypothesis' own settings object is what the schema's tests take.
assert isinstance(fuzz(1), settings)
