"""The public record of handling: anyone, without signing in, sees each public amendment proposed
on a version and what became of it (decision, note, the provision of a later version that
incorporates it); nothing withheld from the public shows there."""

import pytest

from consultations import services
from consultations.models import Confidentiality
from drafts import services as text_services
from tests.consultations.fixtures import post_comment

pytestmark = pytest.mark.django_db


def record_url(version):
    return f"/en/consultation/amendments/{version.instrument.slug}/v{version.number}/record/"


def test_the_public_sees_each_amendment_and_what_became_of_it(client, round, delegate, state_org, drafter):
    version = round.version
    first = version.provisions.filter(kind="paragraph").order_by("position").first()
    kept = post_comment(
        round, delegate, state_org, provision=first, kind="amendment", proposed_text="Everyone shall have it."
    )
    refused = post_comment(round, delegate, state_org, provision=first, kind="amendment", proposed_text="No one shall.")
    withheld = post_comment(
        round,
        delegate,
        state_org,
        provision=first,
        kind="amendment",
        proposed_text="For the secretariat only.",
        confidentiality=Confidentiality.SECRETARIAT,
    )
    services.amendment_decide(comment=kept, by=drafter, outcome="accepted", note="Taken over word for word.")
    services.amendment_decide(comment=refused, by=drafter, outcome="not_retained", note="")
    later = text_services.version_copy(version=version, by=drafter, label="Revised text")
    same = later.provisions.get(key=first.key)
    services.amendments_trace(version=later, amendment_ids_by_provision={same.pk: [kept.pk]}, by=drafter)

    page = client.get(record_url(version)).content.decode()
    assert "Everyone shall have it." in page and "Accepted" in page and "Taken over word for word." in page
    assert "No one shall." in page and "Not retained" in page
    assert withheld.proposed_text not in page
    assert "2 proposed amendments." in page
    # Linked in a version still in editing: the public is not told of a text it cannot read.
    assert "Revised text" not in page and "Not incorporated in a published version" in page

    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    page = client.get(record_url(version)).content.decode()
    assert "Revised text" in page
    assert f"/en/texts/{version.instrument.slug}/v{later.number}/#{same.anchor}" in page


def test_a_version_in_editing_has_no_public_record(client, version, drafter):
    draft = text_services.version_copy(version=version, by=drafter, label="Revised")
    assert client.get(record_url(draft)).status_code == 404
    assert client.get(record_url(version)).status_code == 200
