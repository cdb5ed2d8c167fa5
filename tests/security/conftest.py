"""Shared fixtures of the security suite, and the tally of what each test tried (printed at the
end of a run by tests/conftest.py): the requests each attack test sent, counted as Django
receives them, the static checks and the fuzz examples."""

from collections import Counter

import pytest
from django.core.signals import request_started

from tests.conftest import TALLY_KEYS
from tests.consultations.fixtures import post_comment, post_submission


@pytest.fixture
def tally(request):
    """Counts what a test tried that is not a request: `tally["fuzz_examples"] += 1`,
    `tally["static_checks"] += 1`. Recorded even when it fails."""
    counts = Counter()
    yield counts
    for key in TALLY_KEYS:
        if counts[key]:
            request.node.user_properties.append((key, counts[key]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Counts the requests an attack test sends (the test client and the WSGI handler both
    signal each one), apart from the fuzz tests, whose examples are counted as such."""
    sent = 0

    def count(**kwargs):
        nonlocal sent
        sent += 1

    if item.get_closest_marker("hypothesis") is None:
        request_started.connect(count, weak=False)
    try:
        return (yield)
    finally:
        request_started.disconnect(count)
        if sent:
            item.user_properties.append(("requests_sent", sent))


# --- A populated portal for the web attacks ---------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="letter.pdf", size=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = PDF if size is None else PDF + b"0" * (size - len(PDF))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def site(round, version, delegate, state_org, ngo, ngo_member, expert, drafter, secretariat, role_user):
    """Two States, an NGO with a focal point, an expert, the staff, and contributions of each
    kind: what the IDOR, CSRF and redirect attacks aim at."""
    from consultations.models import Confidentiality, ModerationState
    from drafts.models import Provision
    from portal.models import Membership, MembershipRole, MembershipStatus, OrganizationKind
    from tests.conftest import give_totp
    from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    paragraph = Provision.objects.get(version=version, label="1")
    other_state = OrganizationFactory(
        name_en="Argentina", kind=OrganizationKind.MEMBER_STATE, country="AR", regional_group="grulac"
    )
    other_delegate = MembershipFactory(organization=other_state, role=MembershipRole.DELEGATE).user
    focal_point = MembershipFactory(organization=ngo, role=MembershipRole.FOCAL_POINT).user
    other_focal_point = MembershipFactory(organization=other_state, role=MembershipRole.FOCAL_POINT).user
    pending_colleague = MembershipFactory(organization=ngo, status=MembershipStatus.PENDING)
    pending_other = MembershipFactory(organization=other_state, status=MembershipStatus.PENDING)
    superuser = give_totp(UserFactory(is_staff=True, is_superuser=True))

    def comment(author, organization, **fields):
        return post_comment(round, author, organization, **{"provision": paragraph, **fields})

    delegate_comment = comment(delegate, state_org, text="Brazil's published comment.", cosigner_ids=[other_state.pk])
    other_comment = comment(other_delegate, other_state, text="Argentina pending comment.")
    secret_comment = comment(
        other_delegate,
        other_state,
        text="Argentina secretariat-only comment.",
        confidentiality=Confidentiality.SECRETARIAT,
    )
    from consultations.models import Comment

    Comment.objects.filter(pk=other_comment.pk).update(state=ModerationState.PENDING)
    other_comment.refresh_from_db()
    submission = post_submission(
        round,
        other_delegate,
        other_state,
        "Argentina's submission.",
        [pdf_upload("argentina.pdf")],
        confidentiality=Confidentiality.SECRETARIAT,
    )
    return {
        "round": round,
        "version": version,
        "paragraph": paragraph,
        "state_org": state_org,
        "other_state": other_state,
        "ngo": ngo,
        "delegate": delegate,
        "other_delegate": other_delegate,
        "ngo_member": ngo_member,
        "focal_point": focal_point,
        "other_focal_point": other_focal_point,
        "expert": expert,
        "drafter": drafter,
        "secretariat": secretariat,
        "superuser": superuser,
        "delegate_comment": delegate_comment,
        "other_comment": other_comment,
        "secret_comment": secret_comment,
        "cosignature": delegate_comment.cosignatures.get(),
        "submission": submission,
        "document": submission.files.get(),
        "pending_colleague": pending_colleague,
        "pending_other": pending_other,
        "delegate_membership": Membership.objects.get(user=delegate),
    }
