"""Stored and reflected XSS: markup typed into every field a person controls — comments,
amendments, "on behalf of", display names, proposed organization names, accreditation notes,
decision and moderation reasons, uploaded file names, imported texts, search queries — is
entered through the real forms, then every page that shows it (round page, comments fragment,
moderation queue, my contributions, accreditation pages, admin changelists, import preview,
search, exports, emails) shows it as text: escaped, never as markup."""

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.db.models import Q
from django.test import Client
from django.utils.html import escape

from consultations.models import Comment, ModerationState, Submission
from drafts.models import ImportDraft, Version
from portal import outbox
from portal.models import Membership, Organization, OutgoingEmail
from tests.consultations.fixtures import post_comment
from tests.factories import UserFactory

from .conftest import pdf_upload
from .fuzzing import html_without_own_tags

pytestmark = pytest.mark.django_db


def payload(field):
    """A marker naming the field, then three classic vectors."""
    return f'{field}<script>alert(1)</script>"><img src=x onerror=alert(1)>javascript:alert(1)'


# What must never reach a page as markup.
DANGEROUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I),
]


def dangerous_in(html):
    found = []
    for danger in DANGEROUS:
        if isinstance(danger, str) and danger in html:
            found.append(danger)
        elif not isinstance(danger, str) and danger.search(html):
            found.append(danger.pattern)
    return found


def post(user, url, data, **extra):
    client = Client()
    client.force_login(user)
    response = client.post(url, data, **extra)
    assert response.status_code in (200, 204, 302), (url, response.status_code)
    return response


def get(user, url, **extra):
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


@pytest.fixture
def poisoned(site, secretariat, drafter):
    """Payloads entered through the portal's own forms, by the people who may type them."""
    round, paragraph, version = site["round"], site["paragraph"], site["version"]
    delegate, expert, ngo_member = site["delegate"], site["expert"], site["ngo_member"]
    comment_url = f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/new/"
    form = {"kind": "comment", "position": "neutral", "language": "en", "confidentiality": "public"}

    # Display names, from the profile page.
    post(expert, "/en/me/", {"display_name": payload("expertname"), "preferred_language": "en"})
    post(delegate, "/en/me/", {"display_name": payload("delegatename"), "preferred_language": "en"})
    # A comment, an "on behalf of", an amendment, an expert's comment, a general comment.
    post(
        delegate,
        comment_url,
        {
            **form,
            "capacity": site["state_org"].pk,
            "text": payload("commenttext"),
            "on_behalf_note": payload("behalf"),
            "client_token": "x1",
        },
    )
    post(
        delegate,
        comment_url,
        {
            **form,
            "kind": "amendment",
            "capacity": site["state_org"].pk,
            "text": payload("amendtext"),
            "proposed_text": payload("proposed"),
            "client_token": "x2",
        },
    )
    post(expert, comment_url, {**form, "capacity": "personal", "text": payload("experttext"), "client_token": "x3"})
    post(
        delegate,
        f"/en/consultation/rounds/{round.pk}/comments/general/new/",
        {**form, "capacity": site["state_org"].pk, "text": payload("general"), "client_token": "x4"},
    )
    # A new organization proposed with a note, verified and approved by the secretariat.
    proposer = UserFactory(display_name=payload("proposername"))
    post(
        proposer,
        "/en/accreditation/request/",
        {
            "role": "focal_point",
            "new_organization_name": payload("orgname"),
            "new_organization_kind": "ngo",
            "new_organization_acronym": "<b>X</b>",
            "note": payload("note"),
        },
    )
    organization = Organization.objects.get(acronym="<b>X</b>")
    # The secretariat sees the request before deciding: checked below with the other pages.
    pending_html = get(secretariat, "/en/accreditation/requests/").content.decode()
    post(secretariat, f"/en/accreditation/organizations/{organization.pk}/verify/", {})
    membership = Membership.objects.get(user=proposer)
    post(
        secretariat,
        f"/en/accreditation/requests/{membership.pk}/decide/",
        {"decision": "approve", "reason": payload("approval")},
    )
    post(
        proposer,
        comment_url,
        {**form, "capacity": organization.pk, "text": "Spoken for the proposed organization.", "client_token": "x5"},
    )
    # A rejected comment with a reason only its author sees.
    post(ngo_member, comment_url, {**form, "capacity": site["ngo"].pk, "text": "To be rejected.", "client_token": "x6"})
    rejected = Comment.objects.get(text="To be rejected.")
    Comment.objects.filter(pk=rejected.pk).update(state=ModerationState.PENDING)
    post(
        secretariat,
        f"/en/consultation/moderation/comment/{rejected.pk}/decide/",
        {"action": "reject", "expected_state": "pending", "reason_text": payload("reason")},
    )
    # A report with a reason.
    post(
        ngo_member,
        f"/en/consultation/comments/{Comment.objects.get(text=payload('commenttext')).pk}/report/",
        {"kind": "false_attribution", "reason": payload("flagreason")},
    )
    # A written submission whose file is named like markup.
    client = Client()
    client.force_login(delegate)
    client.post(
        f"/en/consultation/rounds/{round.pk}/submit/",
        {
            "capacity": site["state_org"].pk,
            "summary": payload("summary"),
            "language": "en",
            "confidentiality": "public",
            "client_token": "x7",
            "files": [pdf_upload('"><img src=x onerror=alert(1)><script>alert(1)</script>javascript:alert(1).pdf')],
        },
    )
    assert Submission.objects.filter(summary=payload("summary")).exists()
    # An imported text holding markup, by a drafter, through the upload form.
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = f"The Human Rights Council,\n\n1. {payload('imported')}\n\n2. States shall cooperate.\n".encode()
    client = Client()
    client.force_login(drafter)
    response = client.post(
        f"/en/texts/{version.instrument.slug}/import/",
        {
            "document": SimpleUploadedFile("<script>alert(1)</script>.txt", text, content_type="text/plain"),
            "language": "en",
            "label": payload("label"),
            "symbol": "A/HRC/1",
        },
    )
    draft = ImportDraft.objects.get()
    assert response.status_code == 302
    preview_html = get(drafter, f"/en/texts/{version.instrument.slug}/import/{draft.pk}/").content.decode()
    post(drafter, f"/en/texts/{version.instrument.slug}/import/{draft.pk}/", {"action": "save"})
    imported = Version.objects.get(label_en=payload("label"))
    return {
        "proposer": proposer,
        "organization": organization,
        "imported": imported,
        "pending_html": pending_html,
        "preview_html": preview_html,
        "rejected": rejected,
    }


def moderation_pages(fields):
    """The queue and the campaign pages that show these payloads: the payloads are alike, so they
    arrive as a campaign, one item in the queue; its members' texts are on the campaign's page."""
    queue, campaigns = [], {}
    for field in fields:
        comment = Comment.objects.get(Q(text=payload(field)) | Q(proposed_text=payload(field)))
        if comment.campaign_id and comment.campaign.representative_id != comment.pk:
            campaigns.setdefault(comment.campaign_id, []).append(field)
        else:
            queue.append(field)
    return [("secretariat", "/en/consultation/moderation/?state=any", queue)] + [
        ("secretariat", f"/en/consultation/moderation/campaigns/{pk}/", members) for pk, members in campaigns.items()
    ]


def pages(site, poisoned):
    """(who, URL, fields whose payload the page must show, escaped)."""
    round, paragraph, version = site["round"], site["paragraph"], site["version"]
    slug = version.instrument.slug
    imported = poisoned["imported"]
    comment = Comment.objects.get(text=payload("commenttext"))
    return [
        (None, f"/en/consultation/rounds/{round.pk}/", []),
        (
            None,
            f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/",
            ["commenttext", "behalf", "amendtext", "experttext", "expertname"],
        ),
        (
            "htmx",
            f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/",
            ["commenttext", "behalf", "amendtext", "experttext", "expertname", "orgname"],
        ),
        (None, f"/en/consultation/rounds/{round.pk}/comments/general/", ["general"]),
        (None, "/en/consultation/search/?q=alert&scope=comments", ["commenttext"]),
        (None, f"/en/consultation/search/?q={quote(payload('query'))}&scope=comments", []),
        (None, f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/?page={quote(payload('page'))}", []),
        (None, f"/en/texts/{slug}/v{version.number}/?{quote(payload('x'))}=1", []),
        ("delegate", "/en/consultation/mine/", ["commenttext", "amendtext", "general", "summary"]),
        ("delegate", "/en/me/", ["delegatename"]),
        ("ngo_member", "/en/consultation/mine/", ["reason"]),
        ("proposer", "/en/me/", ["orgname", "approval"]),
        *moderation_pages(["commenttext", "proposed", "experttext"]),
        (
            "secretariat",
            f"/en/accreditation/organizations/{poisoned['organization'].pk}/members/",
            ["proposername", "orgname"],
        ),
        ("secretariat", "/en/accreditation/audit/", ["orgname", "note", "approval"]),
        ("secretariat", f"/en/consultation/comments/{comment.pk}/report/", []),
        ("secretariat", "/en/exports/", []),
        ("drafter", f"/en/texts/{slug}/v{imported.number}/", ["imported"]),
        ("drafter", f"/en/texts/{slug}/v{imported.number}/export.html", ["imported"]),
        ("drafter", f"/en/texts/{slug}/", ["label"]),
        ("superuser", "/en/admin/portal/organization/", ["orgname"]),
        ("superuser", "/en/admin/portal/user/", ["expertname", "delegatename", "proposername"]),
        ("superuser", "/en/admin/portal/membership/", ["proposername", "orgname"]),
        ("superuser", "/en/admin/portal/auditentry/", ["orgname"]),
        ("superuser", "/en/admin/consultations/comment/", ["orgname"]),
        ("superuser", f"/en/admin/consultations/comment/{comment.pk}/change/", ["commenttext"]),
        ("superuser", "/en/admin/consultations/submission/", []),
        ("superuser", "/en/admin/consultations/flag/", []),
        ("superuser", "/en/admin/consultations/moderationdecision/", []),
        ("superuser", f"/en/admin/drafts/version/{imported.pk}/change/", ["label"]),
        ("superuser", f"/en/admin/drafts/provision/{imported.provisions.get(label='1').pk}/change/", ["imported"]),
    ]


def test_payloads_are_shown_as_text_everywhere(site, poisoned):
    people = {**site, "proposer": poisoned["proposer"]}
    problems = []
    extra_pages = [
        (
            "secretariat",
            "/en/accreditation/requests/ (before the decision)",
            ["orgname", "note", "proposername"],
            poisoned["pending_html"],
        ),
        ("drafter", "import preview", ["imported"], poisoned["preview_html"]),
    ]
    checks = [(who, url, fields, None) for who, url, fields in pages(site, poisoned)] + extra_pages
    for who, url, fields, html in checks:
        if html is None:
            user = people.get(who) if who not in (None, "htmx") else None
            headers = {"HX-Request": "true"} if who == "htmx" else {}
            html = get(user, url, headers=headers).content.decode()
        for danger in dangerous_in(html):
            problems.append(f"{who or 'visitor'} {url}: unescaped {danger!r}")
        for field in fields:
            # The marker and the start of the markup, escaped (a search highlights words inside).
            if escape(f"{field}<script>") not in html:
                problems.append(f"{who or 'visitor'} {url}: the {field} payload is not shown (escaped)")
    assert not problems, "\n".join(problems)


def test_uploaded_file_names_are_shown_cleaned(site, poisoned):
    document = Submission.objects.get(summary=payload("summary")).files.get()
    assert "<" not in document.original_name and ">" not in document.original_name and '"' not in document.original_name
    assert document.original_name.endswith(".pdf")
    response = get(site["delegate"], f"/en/consultation/documents/{document.pk}/")
    disposition = response["Content-Disposition"]
    assert "\n" not in disposition and "<" not in disposition and disposition.startswith("attachment;")
    html = get(site["delegate"], "/en/consultation/mine/").content.decode()
    assert escape(document.original_name) in html and not dangerous_in(html)


def test_the_api_returns_payloads_as_json_text(site, poisoned):
    response = Client().get(f"/api/comments?round={site['round'].pk}&limit=500")
    assert response["Content-Type"].startswith("application/json")
    texts = {comment["text"] for comment in response.json()["results"]}
    assert payload("commenttext") in texts and payload("experttext") in texts


def test_emails_show_payloads_as_text(site, poisoned):
    """The HTML part escapes; the plain-text part and the subject carry the text as typed."""
    delegate_comment = Comment.objects.get(text=payload("commenttext"))
    post(
        site["ngo_member"],
        f"/en/consultation/rounds/{site['round'].pk}/comments/{site['paragraph'].key}/new/",
        {
            "kind": "comment",
            "position": "neutral",
            "language": "en",
            "confidentiality": "public",
            "capacity": site["ngo"].pk,
            "text": payload("replytext"),
            "parent": delegate_comment.pk,
            "client_token": "r1",
        },
    )
    problems = []
    for notification in OutgoingEmail.objects.select_related("recipient"):
        subject, text, html = outbox.email_render(notification)
        if dangerous_in(html_without_own_tags(html)) or "<" in html_without_own_tags(html):
            problems.append(
                f"{notification.kind}: unescaped markup in the HTML part: {html_without_own_tags(html)[:300]!r}"
            )
        if "&lt;" in text or "&quot;" in text or "&#x27;" in text:
            problems.append(f"{notification.kind}: HTML entities in the plain-text part: {text[:200]!r}")
        if "&lt;" in subject or "&quot;" in subject or "&#x27;" in subject or "&amp;" in subject:
            problems.append(f"{notification.kind}: HTML entities in the subject: {subject!r}")
    kinds = set(OutgoingEmail.objects.values_list("kind", flat=True))
    assert {"reply", "decision"} <= kinds, kinds
    subject, text, html = outbox.email_render(OutgoingEmail.objects.get(kind="reply"))
    if payload("replytext") not in text:
        problems.append("reply: the plain-text part does not hold the reply as typed")
    if escape(payload("replytext")) not in html:
        problems.append("reply: the HTML part does not hold the reply escaped")
    assert not problems, "\n".join(problems)


def test_names_with_apostrophes_and_markup_in_email_subjects(site):
    """Organization names are in subjects ("A request to co-sign for …"): as typed, never
    HTML-escaped ("Côte d'Ivoire", "Lao People's Democratic Republic")."""
    name = "Côte d'Ivoire & <Partners>"
    invited = site["other_state"]
    Organization.objects.filter(pk=invited.pk).update(name_en=name)
    post_comment(site["round"], site["delegate"], site["state_org"], "Join us", cosigner_ids=[invited.pk])
    mail.outbox.clear()
    outbox.emails_send()
    subjects = [message.subject for message in mail.outbox if "co-sign" in message.subject]
    assert subjects and all(name in subject for subject in subjects), subjects


def test_a_line_break_in_a_name_cannot_add_email_headers(site):
    """A proposed organization name holding CR/LF: either refused, or the notification about
    it is still delivered, with no header of the attacker's."""
    proposer = UserFactory()
    client = Client()
    client.force_login(proposer)
    client.post(
        "/en/accreditation/request/",
        {
            "role": "member",
            "new_organization_name": "Friends\r\nBcc: victim@example.org",
            "new_organization_kind": "ngo",
            "note": "",
        },
    )
    organization = Organization.objects.filter(name_en__startswith="Friends").first()
    if organization is None:
        return  # refused: nothing more to try
    Organization.objects.filter(pk=organization.pk).update(verified=True)
    Membership.objects.filter(user=proposer).update(status="approved")
    post_comment(site["round"], site["delegate"], site["state_org"], "Join us", cosigner_ids=[organization.pk])
    mail.outbox.clear()
    sent, failed = outbox.emails_send()
    assert failed == 0, (
        f"the notification could not be sent: {OutgoingEmail.objects.filter(status='failed').values_list('last_error', flat=True).first()}"
    )
    for message in mail.outbox:
        headers = message.message()
        assert headers.get("Bcc") is None and "victim@example.org" not in message.recipients()
