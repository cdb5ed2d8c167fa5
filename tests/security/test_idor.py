"""Insecure direct object references: every URL that names an object, tried with an object
that belongs to someone else (or by someone without the role), answers exactly as its view
must (403 when the user may see the object but not act on it, 404 when they may not know it
exists, the form again for a capacity that is not theirs) and changes nothing. And what is not
public never shows on pages, in the API or in exports."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from consultations import services as taking_part
from consultations.models import (
    Answer,
    Comment,
    CommentKind,
    CoSignature,
    Flag,
    ModerationDecision,
    QuestionnaireResponse,
    Submission,
)
from drafts import services as text_services
from drafts.models import ImportDraft, Provision, Version
from portal import roles
from portal.models import Membership, Organization
from tests.consultations.fixtures import make_round

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything an attack could change."""
    return {
        "comments": sorted(
            Comment.objects.values_list("pk", "text", "state", "withdrawn_at", "outcome", "edit_count", "claimed_by")
        ),
        "cosignatures": sorted(CoSignature.objects.values_list("pk", "status")),
        "memberships": sorted(Membership.objects.values_list("pk", "status", "role")),
        "organizations": sorted(Organization.objects.values_list("pk", "verified")),
        "versions": sorted(Version.objects.values_list("pk", "status")),
        "provisions": sorted(Provision.objects.values_list("pk", "text_en", "label")),
        "drafts": sorted(ImportDraft.objects.values_list("pk", "rows")),
        "responses": QuestionnaireResponse.objects.count(),
        "answers": Answer.objects.count(),
        "decisions": ModerationDecision.objects.count(),
        "flags": Flag.objects.count(),
        "submissions": Submission.objects.count(),
    }


def attempt(user, method, url, data=None, headers=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url, data or {}, headers=headers or {})


def run(cases):
    """Each case: (name, user, method, url, data, the status the view answers). Every URL names
    a view (a 404 is the view hiding what the user may not see, never a mistyped address), the
    answer is the one stated, and nothing changes; failures are collected so one run lists them
    all."""
    problems = []
    for name, user, method, url, data, status in cases:
        try:
            resolve(urlsplit(url).path)
        except Resolver404:
            problems.append(f"{name}: {url} names no view")
            continue
        before = snapshot()
        response = attempt(user, method, url, data)
        if response.status_code != status:
            problems.append(f"{name}: {method.upper()} {url} answered {response.status_code}, not {status}")
        if snapshot() != before:
            problems.append(f"{name}: {method.upper()} {url} changed the database")
    assert not problems, "\n".join(problems)


FORBIDDEN = 403  # the user may see the object, not act on it
HIDDEN = 404  # the user may not even know it exists
FORM_AGAIN = 200  # the form shown again, with the error


def test_comments_of_someone_else(site):
    mine, theirs = site["delegate_comment"], site["other_comment"]
    amendment = taking_part.comment_create(
        round=site["round"],
        author=site["delegate"],
        capacity_key=str(site["state_org"].pk),
        provision=site["paragraph"],
        kind=CommentKind.AMENDMENT,
        proposed_text="Everyone and all peoples have the right to international solidarity.",
        text="Name peoples too.",
        language="en",
    )
    run(
        [
            (
                "edit another's comment (page)",
                site["other_delegate"],
                "get",
                f"/en/consultation/comments/{mine.pk}/edit/",
                None,
                HIDDEN,
            ),
            (
                "edit another's comment",
                site["other_delegate"],
                "post",
                f"/en/consultation/comments/{mine.pk}/edit/",
                {"text": "Hijacked", "position": "oppose"},
                HIDDEN,
            ),
            (
                "edit as a colleague of another State",
                site["ngo_member"],
                "post",
                f"/en/consultation/comments/{mine.pk}/edit/",
                {"text": "Hijacked", "position": "oppose"},
                HIDDEN,
            ),
            (
                "edit as the secretariat",
                site["secretariat"],
                "post",
                f"/en/consultation/comments/{mine.pk}/edit/",
                {"text": "Hijacked", "position": "oppose"},
                HIDDEN,
            ),
            (
                "withdraw another's comment",
                site["other_delegate"],
                "post",
                f"/en/consultation/comments/{mine.pk}/withdraw/",
                None,
                HIDDEN,
            ),
            (
                "withdraw as the superuser",
                site["superuser"],
                "post",
                f"/en/consultation/comments/{mine.pk}/withdraw/",
                None,
                HIDDEN,
            ),
            (
                "report a pending comment one cannot see",
                site["delegate"],
                "post",
                f"/en/consultation/comments/{theirs.pk}/report/",
                {"kind": "abuse", "reason": "x"},
                HIDDEN,
            ),
            (
                "reply under a comment one cannot see",
                site["delegate"],
                "post",
                f"/en/consultation/rounds/{site['round'].pk}/comments/{site['paragraph'].key}/new/",
                {
                    "parent": theirs.pk,
                    "capacity": site["state_org"].pk,
                    "kind": "comment",
                    "position": "neutral",
                    "text": "Reply",
                    "language": "en",
                    "confidentiality": "public",
                    "client_token": "idor-reply",
                },
                HIDDEN,
            ),
            (
                "decide one's own amendment without being a drafter",
                site["delegate"],
                "post",
                f"/en/consultation/comments/{amendment.pk}/decision/",
                {"outcome": "accepted"},
                FORBIDDEN,
            ),
            (
                "moderate without the role",
                site["drafter"],
                "post",
                f"/en/consultation/moderation/comment/{theirs.pk}/decide/",
                {"action": "publish", "expected_state": "pending"},
                FORBIDDEN,
            ),
            (
                "moderate as a delegate",
                site["delegate"],
                "post",
                f"/en/consultation/moderation/comment/{theirs.pk}/decide/",
                {"action": "publish", "expected_state": "pending"},
                FORBIDDEN,
            ),
            (
                "claim as a delegate",
                site["delegate"],
                "post",
                f"/en/consultation/moderation/comment/{theirs.pk}/claim/",
                None,
                FORBIDDEN,
            ),
            (
                "bulk-moderate as a delegate",
                site["delegate"],
                "post",
                "/en/consultation/moderation/bulk/",
                {"items": [theirs.pk], "action": "publish"},
                FORBIDDEN,
            ),
            (
                "unknown item kind",
                site["secretariat"],
                "post",
                f"/en/consultation/moderation/user/{site['delegate'].pk}/decide/",
                {"action": "publish", "expected_state": "pending"},
                FORBIDDEN,
            ),
        ],
    )
    assert Comment.objects.get(pk=amendment.pk).outcome == ""


def test_speaking_for_another_organization(site):
    round, paragraph = site["round"], site["paragraph"]
    url = f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/new/"
    form = {
        "kind": "comment",
        "position": "neutral",
        "text": "In Argentina's name",
        "language": "en",
        "confidentiality": "public",
    }
    run(
        [
            (
                "comment in another State's name",
                site["delegate"],
                "post",
                url,
                {**form, "capacity": site["other_state"].pk, "client_token": "a"},
                FORM_AGAIN,
            ),
            (
                "comment in an NGO's name",
                site["delegate"],
                "post",
                url,
                {**form, "capacity": site["ngo"].pk, "client_token": "b"},
                FORM_AGAIN,
            ),
            (
                "comment as an expert without being one",
                site["delegate"],
                "post",
                url,
                {**form, "capacity": "personal", "client_token": "c"},
                FORM_AGAIN,
            ),
            (
                "co-sign for an organization one does not belong to",
                site["ngo_member"],
                "post",
                f"/en/consultation/cosignatures/{site['cosignature'].pk}/",
                {"decision": "confirm"},
                FORBIDDEN,
            ),
            (
                "co-sign for the other State as the author",
                site["delegate"],
                "post",
                f"/en/consultation/cosignatures/{site['cosignature'].pk}/",
                {"decision": "confirm"},
                FORBIDDEN,
            ),
        ],
    )
    assert not Comment.objects.filter(text="In Argentina's name").exists()


def test_questionnaire_in_another_organizations_capacity(site, questionnaire):
    round = make_round(version=None, questionnaire=questionnaire)
    question = questionnaire.questions.first()
    url = f"/en/consultation/rounds/{round.pk}/questionnaire/"
    answer = {f"answer-{question.pk}": "Argentina answers this", "action": "submit", "confidentiality": "public"}
    run(
        [
            (
                "open another State's answers",
                site["delegate"],
                "get",
                f"{url}?capacity={site['other_state'].pk}",
                None,
                FORBIDDEN,
            ),
            (
                "answer for another State",
                site["delegate"],
                "post",
                url,
                {**answer, "capacity": site["other_state"].pk},
                FORBIDDEN,
            ),
            ("answer for an NGO", site["delegate"], "post", url, {**answer, "capacity": site["ngo"].pk}, FORBIDDEN),
            (
                "answer as an expert without being one",
                site["delegate"],
                "post",
                url,
                {**answer, "capacity": "personal"},
                FORBIDDEN,
            ),
            (
                "read the compiled replies as a delegate",
                site["delegate"],
                "get",
                f"/en/consultation/rounds/{round.pk}/questionnaire/replies/",
                None,
                FORBIDDEN,
            ),
        ],
    )


def test_accreditation_of_someone_else(site, role_user):
    other_pending, colleague = site["pending_other"], site["pending_colleague"]
    no_mfa = role_user(roles.SECRETARIAT, is_staff=True)
    decide = "/en/accreditation/requests/{}/decide/"
    run(
        [
            (
                "a focal point decides for another organization",
                site["focal_point"],
                "post",
                decide.format(other_pending.pk),
                {"decision": "approve"},
                FORBIDDEN,
            ),
            (
                "a focal point revokes another organization's focal point",
                site["focal_point"],
                "post",
                decide.format(Membership.objects.get(user=site["other_focal_point"]).pk),
                {"decision": "revoke", "reason": "x"},
                FORBIDDEN,
            ),
            (
                "a focal point decides for themselves",
                site["focal_point"],
                "post",
                decide.format(Membership.objects.get(user=site["focal_point"]).pk),
                {"decision": "revoke", "reason": "x"},
                FORBIDDEN,
            ),
            (
                "a member decides for a colleague",
                site["ngo_member"],
                "post",
                decide.format(colleague.pk),
                {"decision": "approve"},
                FORBIDDEN,
            ),
            (
                "a delegate decides for a colleague of another State",
                site["delegate"],
                "post",
                decide.format(other_pending.pk),
                {"decision": "approve"},
                FORBIDDEN,
            ),
            (
                "the secretariat without a second factor decides",
                no_mfa,
                "post",
                decide.format(colleague.pk),
                {"decision": "approve"},
                FORBIDDEN,
            ),
            (
                "an expert decides",
                site["expert"],
                "post",
                decide.format(colleague.pk),
                {"decision": "approve"},
                FORBIDDEN,
            ),
            (
                "another organization's members",
                site["focal_point"],
                "get",
                f"/en/accreditation/organizations/{site['other_state'].pk}/members/",
                None,
                FORBIDDEN,
            ),
            (
                "verify an organization as a focal point",
                site["focal_point"],
                "post",
                f"/en/accreditation/organizations/{site['ngo'].pk}/verify/",
                None,
                FORBIDDEN,
            ),
            ("pending requests as a member", site["ngo_member"], "get", "/en/accreditation/requests/", None, FORBIDDEN),
            (
                "invitations as a focal point",
                site["focal_point"],
                "post",
                "/en/accreditation/invitations/",
                {"email": "x@example.org", "role": "expert"},
                FORBIDDEN,
            ),
            ("the audit log as a focal point", site["focal_point"], "get", "/en/accreditation/audit/", None, FORBIDDEN),
            ("the admin's users as a drafter", site["drafter"], "get", "/en/admin/portal/user/", None, FORBIDDEN),
            (
                "the admin's memberships as a drafter",
                site["drafter"],
                "post",
                f"/en/admin/portal/membership/{colleague.pk}/change/",
                {"status": "approved"},
                FORBIDDEN,
            ),
        ],
    )


def test_drafting_of_someone_else(site, role_user):
    drafter, other_drafter = site["drafter"], role_user(roles.DRAFTERS, is_staff=True, mfa=True)
    version = site["version"]
    instrument = version.instrument
    draft = text_services.import_draft_create(
        instrument=instrument,
        by=drafter,
        data=b"1. Everyone.\n2. States shall.\n",
        filename="t.txt",
        language="en",
        label="Drafter A's import",
    )
    editing = text_services.version_create(instrument=instrument, by=drafter, label="Editing", original_language="en")
    provision = text_services.provision_create(
        version=editing, by=drafter, kind="operative", label="1", texts={"en": "Draft text."}
    )
    other = text_services.provision_create(
        version=editing, by=drafter, kind="operative", label="2", texts={"en": "Other text."}
    )
    text_services.provision_update(
        provision=other,
        by=drafter,
        base_revision=Provision.objects.get(pk=other.pk).revision,
        text_en="Other, changed.",
    )
    from reversion.models import Version as RevisionRecord

    other_record = RevisionRecord.objects.get_for_object(other).last()
    preview = f"/en/texts/{instrument.slug}/import/{draft.pk}/"
    base = f"/en/texts/{instrument.slug}/v{editing.number}/{provision.key}"
    published = f"/en/texts/{instrument.slug}/v{version.number}/{site['paragraph'].key}"
    run(
        [
            ("another drafter's import preview", other_drafter, "get", preview, None, HIDDEN),
            ("save another drafter's import", other_drafter, "post", preview, {"action": "save"}, HIDDEN),
            (
                "edit another drafter's import",
                other_drafter,
                "post",
                preview,
                {"row-0-label": "X", "row-0-kind": "operative", "row-0-text": "Hijacked"},
                HIDDEN,
            ),
            ("an import preview as a delegate", site["delegate"], "get", preview, None, FORBIDDEN),
            (
                "an unpublished version as a delegate",
                site["delegate"],
                "get",
                f"/en/texts/{instrument.slug}/v{editing.number}/",
                None,
                HIDDEN,
            ),
            (
                "an unpublished version's export as a visitor",
                None,
                "get",
                f"/en/texts/{instrument.slug}/v{editing.number}/export.docx",
                None,
                HIDDEN,
            ),
            (
                "an unpublished version's comments export",
                None,
                "get",
                f"/en/exports/texts/{instrument.slug}/v{editing.number}/comments.csv",
                None,
                HIDDEN,
            ),
            (
                "edit a provision as a delegate",
                site["delegate"],
                "post",
                f"{base}/edit/",
                {"text": "Hijacked"},
                HIDDEN,
            ),
            ("merge provisions as a delegate", site["delegate"], "post", f"{base}/merge/", None, HIDDEN),
            (
                "edit a published provision as a delegate",
                site["delegate"],
                "post",
                f"{published}/edit/",
                {"text": "Hijacked"},
                FORBIDDEN,
            ),
            (
                "merge published provisions as a delegate",
                site["delegate"],
                "post",
                f"{published}/merge/",
                None,
                FORBIDDEN,
            ),
            (
                "restore another provision's revision",
                drafter,
                "post",
                f"{base}/history/{other_record.pk}/restore/",
                None,
                HIDDEN,
            ),
            (
                "restore as the secretariat",
                site["secretariat"],
                "post",
                f"{base}/history/{other_record.pk}/restore/",
                None,
                FORBIDDEN,
            ),
            (
                "trace amendments as a delegate",
                site["delegate"],
                "post",
                f"/en/consultation/amendments/{instrument.slug}/v{version.number}/",
                None,
                FORBIDDEN,
            ),
        ],
    )


def test_documents_and_exports_of_someone_else(site, role_user):
    document = site["document"]  # Argentina's, secretariat only
    no_mfa = role_user(roles.SECRETARIAT, is_staff=True)
    round, version = site["round"], site["version"]
    slug = version.instrument.slug
    secretariat_exports = [
        f"/en/exports/rounds/{round.pk}/comments.csv?audience=secretariat",
        f"/en/exports/rounds/{round.pk}/comments.json?audience=secretariat",
        f"/en/exports/rounds/{round.pk}/comments.xlsx?audience=secretariat",
        f"/en/exports/texts/{slug}/comments.csv?audience=secretariat",
        f"/en/exports/texts/{slug}/v{version.number}/comments.json?audience=secretariat",
        f"/en/exports/texts/{slug}/v{version.number}/compilation.docx?audience=secretariat",
    ]
    cases = [
        (
            f"a secretariat-only document as {who}",
            user,
            "get",
            f"/en/consultation/documents/{document.pk}/",
            None,
            HIDDEN,
        )
        for who, user in (
            ("a visitor", None),
            ("another State", site["delegate"]),
            ("an NGO member", site["ngo_member"]),
            ("the secretariat without MFA", no_mfa),
        )
    ]
    for url in secretariat_exports:
        cases += [
            (f"the secretariat's export as {who}", user, "get", url, None, FORBIDDEN)
            for who, user in (
                ("a visitor", None),
                ("a delegate", site["delegate"]),
                ("the secretariat without MFA", no_mfa),
            )
        ]
    run(cases)
    # The same requests by those allowed: the author and the secretariat get the document.
    for user in (site["other_delegate"], site["secretariat"]):
        assert attempt(user, "get", f"/en/consultation/documents/{document.pk}/").status_code == 200


def test_what_is_not_public_never_shows(site, client):
    """Pending and secretariat-only comments: not on pages, not in the API, not in exports,
    for anyone but their author and the staff."""
    hidden = [site["other_comment"].text, site["secret_comment"].text]
    round, paragraph, version = site["round"], site["paragraph"], site["version"]
    slug = version.instrument.slug
    urls = [
        f"/en/consultation/rounds/{round.pk}/",
        f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/",
        "/en/consultation/search/?q=Argentina&scope=comments",
        "/api/comments",
        f"/api/comments?round={round.pk}",
        f"/en/exports/rounds/{round.pk}/comments.csv",
        f"/en/exports/rounds/{round.pk}/comments.json",
        f"/en/exports/texts/{slug}/v{version.number}/comments.json",
    ]
    leaks = []
    for who, user in (("a visitor", None), ("another State", site["delegate"]), ("an NGO member", site["ngo_member"])):
        for url in urls:
            response = attempt(user, "get", url)
            assert response.status_code == 200, (url, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            leaks += [f"{who}: {url} shows {secret!r}" for secret in hidden if secret in text]
    assert not leaks, "\n".join(leaks)
    # The author does see their own, so the texts above are really on those pages.
    html = attempt(
        site["other_delegate"], "get", f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/"
    ).content.decode()
    assert all(secret in html for secret in hidden)
