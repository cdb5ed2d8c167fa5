"""Each State's contributions to a text beside its vote on the text's adoption. The States
here are made-up organizations ("State A", "State B"), never the directory's: no vote is
attributed to a real State."""

import datetime

import pytest

from consultations.models import Comment, CommentKind, CoSignature
from drafts.models import Adoption, StateRole
from portal.models import OrganizationKind
from tests.factories import MembershipFactory, OrganizationFactory

from .fixtures import make_round

pytestmark = pytest.mark.django_db


def test_each_states_comments_amendments_and_cosignatures_beside_its_vote(client, version, secretariat):
    round = make_round(version)
    a, b = (
        OrganizationFactory(name_en=f"State {letter}", kind=OrganizationKind.MEMBER_STATE, regional_group=group)
        for letter, group in (("A", "african"), ("B", "weog"))
    )
    author = MembershipFactory(organization=a).user
    provision = version.provisions.filter(kind="paragraph").first()

    def comment(organization, kind=CommentKind.COMMENT, state="published", **fields):
        return Comment.objects.create(
            round=round,
            version=version,
            provision=provision,
            text="On paragraph 1.",
            language="en",
            author=author,
            organization=organization,
            kind=kind,
            state=state,
            **fields,
        )

    comment(a)
    comment(a, CommentKind.AMENDMENT, proposed_text="Better.")
    comment(a, state="pending")  # not public: not counted
    joined = comment(a)
    CoSignature.objects.create(comment=joined, organization=b, status="confirmed")
    adoption = Adoption.objects.create(
        version=version, body="hrc", date=datetime.date(2020, 1, 1), method="recorded_vote", recorded_by=secretariat
    )
    StateRole.objects.create(adoption=adoption, state=a, role="in_favour")
    StateRole.objects.create(adoption=adoption, state=b, role="against")

    page = client.get(f"/en/consultation/positions/{version.instrument.slug}/v{version.number}/").content.decode()
    rows = {name: page.split(f'<th scope="row">{name}</th>')[1].split("</tr>")[0] for name in ("State A", "State B")}
    assert rows["State A"].replace(" ", "") == '<td>2</td><td>1</td><td>0</td><tddata-vote="in_favour">Infavour</td>'
    assert rows["State B"].replace(" ", "") == '<td>0</td><td>0</td><td>1</td><tddata-vote="against">Against</td>'
