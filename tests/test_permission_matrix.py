"""Every permission in every rules.py × every role × round state, asked of the rule and tried
through each path that exposes it (page, htmx fragment, admin, API).

A row names a permission (and a case: which object it is asked about), the roles it allows,
whether it depends on the round being open, and its paths. Each path tries the action as each
role, in each round state, inside a savepoint that is rolled back, and says whether it was
allowed: a page answered 200 or showed the action, a write took effect. A path that only some
roles can reach at all (the admin) says which: there the expected answer is the rule's and
the door's. The first test fails when a permission is defined without a row."""

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import rules
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation
from freezegun import freeze_time
from reversion.models import Version as RevisionRecord

import portal.urls  # noqa: F401 - the API's schemas are built before any clock is frozen
from consultations.models import (
    Activity,
    ActivityDocument,
    Campaign,
    Comment,
    CommentKind,
    CoSignature,
    Flag,
    Follow,
    ModerationDecision,
    ModerationReason,
    Phase,
    Question,
    Questionnaire,
    QuestionnaireResponse,
    Round,
    Submission,
)
from drafts import services as text_services
from drafts.models import Adoption, VersionStatus
from drafts.services.versions import particulars_stamp
from portal import roles
from portal.models import (
    AuditEntry,
    Invitation,
    Membership,
    MembershipRole,
    MembershipStatus,
    OrganizationKind,
    OutgoingEmail,
)
from tests.conftest import give_totp
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

ROLES = [
    "anonymous",
    "unaccredited",
    "ngo_member",
    "state_delegate",
    "focal_point",
    "expert",
    "drafter",
    "secretariat",
    "secretariat_without_mfa",
    "superuser",
    "superuser_without_mfa",
]
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
SPEAKERS = frozenset({"ngo_member", "state_delegate", "focal_point", "expert"})
NGO_MEMBERS = frozenset({"ngo_member", "focal_point"})
SECRETARIAT = frozenset({"secretariat", "superuser"})
DRAFTERS = frozenset({"drafter", "superuser"})
TEXT_STAFF = DRAFTERS | SECRETARIAT
SUPERUSER = frozenset({"superuser"})
NOBODY = frozenset()
ADMIN_DOOR = TEXT_STAFF  # who reaches the admin at all (portal.reach_admin)
READ_ONLY = NOBODY  # the admin only reads what a staff page writes: nobody writes it there

OPENS = datetime.datetime(2030, 1, 10, 9, 0, tzinfo=datetime.UTC)
CLOSES = datetime.datetime(2030, 1, 20, 18, 0, tzinfo=datetime.UTC)
MOMENTS = {
    "upcoming": OPENS - datetime.timedelta(days=3),
    "open": OPENS + datetime.timedelta(days=3),
    "closed": CLOSES + datetime.timedelta(days=3),
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- The world every row is asked in --------------------------------------------------------


@pytest.fixture
def world(db):
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (roles.DRAFTERS, roles.SECRETARIAT)}
    ngo = OrganizationFactory(kind=OrganizationKind.NGO)
    other = OrganizationFactory(kind=OrganizationKind.NGO)
    state = OrganizationFactory(kind=OrganizationKind.MEMBER_STATE, country="BR")
    users = {"anonymous": None, "unaccredited": UserFactory()}
    users["ngo_member"] = MembershipFactory(organization=ngo, role=MembershipRole.MEMBER).user
    users["state_delegate"] = MembershipFactory(organization=state, role=MembershipRole.DELEGATE).user
    users["focal_point"] = MembershipFactory(organization=ngo, role=MembershipRole.FOCAL_POINT).user
    users["expert"] = MembershipFactory(organization=None, role=MembershipRole.EXPERT).user
    for name, group, mfa in [
        ("drafter", roles.DRAFTERS, True),
        ("secretariat", roles.SECRETARIAT, True),
        ("secretariat_without_mfa", roles.SECRETARIAT, False),
    ]:
        user = UserFactory(is_staff=True)
        user.groups.add(groups[group])
        users[name] = give_totp(user) if mfa else user
    users["superuser"] = give_totp(UserFactory(is_staff=True, is_superuser=True))
    users["superuser_without_mfa"] = UserFactory(is_staff=True, is_superuser=True)
    capacity = {role: str(ngo.pk) for role in ROLES}
    capacity.update(state_delegate=str(state.pk), expert="personal")

    drafter = users["drafter"]
    instrument = text_services.instrument_create(by=drafter, slug="matrix", title="Matrix")
    published = text_services.version_create(instrument=instrument, by=drafter, label="V1", original_language="en")
    text_services.provision_create(version=published, by=drafter, kind="operative", label="1", texts={"en": "Text."})
    published = text_services.version_publish(version=published, by=drafter, untranslated_ok=True)
    editing = text_services.version_copy(version=published, by=drafter, label="V2")
    editing_provision = editing.provisions.get()
    text_services.provision_update(
        provision=editing_provision, by=drafter, base_revision=editing_provision.revision, text_en="Edited text."
    )
    questionnaire = Questionnaire.objects.create(instrument=instrument, title_en="Q")
    question = Question.objects.create(questionnaire=questionnaire, position=1, label="(a)", text_en="Why?")
    phase = Phase.objects.create(instrument=instrument, number=1, name_en="Phase I")
    activity = Activity.objects.create(phase=phase, kind="workshop", title_en="Workshop")
    ActivityDocument.objects.create(activity=activity, title_en="Report", symbol="A/68/176")
    round = Round.objects.create(
        version=published,
        questionnaire=questionnaire,
        phase=phase,
        title_en="R",
        opens_at=OPENS,
        closes_at=CLOSES,
        audience_kinds=["ngo", "member_state"],
        audience_experts=True,
    )
    own = {}
    for role in SPEAKERS:
        membership = Membership.objects.get(user=users[role], status="approved")
        own[role] = Comment.objects.create(
            round=round,
            version=published,
            provision=published.provisions.get(),
            text=f"Mine ({role}).",
            language="en",
            author=users[role],
            organization=membership.organization,
            state="published",
        )
    delegate_comment = own["state_delegate"]
    amendment = Comment.objects.create(
        round=round,
        version=published,
        provision=published.provisions.get(),
        kind=CommentKind.AMENDMENT,
        text="Why.",
        proposed_text="Better text.",
        language="en",
        author=users["state_delegate"],
        organization=state,
        state="published",
    )
    someone = MembershipFactory(organization=state).user  # no role of the matrix: nobody's own
    pending_comment = Comment.objects.create(
        round=round, version=published, text="Held.", language="en", author=someone, organization=state
    )
    sent_by_many = [
        Comment.objects.create(
            round=round, version=published, text="Sent by many.", language="en", author=someone, organization=state
        )
        for _ in range(3)
    ]
    campaign = Campaign.objects.create(round=round, representative=sent_by_many[0], size=3)
    Comment.objects.filter(pk__in=[comment.pk for comment in sent_by_many]).update(campaign=campaign)
    decision = ModerationDecision.objects.create(
        comment=delegate_comment,
        moderator=users["secretariat"],
        action="publish",
        from_state="pending",
        to_state="published",
    )
    flag = Flag.objects.create(comment=delegate_comment, reporter=someone, reason="Seen.")
    email = OutgoingEmail.objects.create(
        to=users["ngo_member"].email, language="en", kind="reply", subject="S", body="B", status="failed"
    )
    UserSession.objects.create(user=users["ngo_member"], ip="192.0.2.1", session_key="matrix", user_agent="")
    submission = Submission.objects.create(
        round=round, author=users["state_delegate"], organization=state, summary="S.", language="en"
    )
    response = QuestionnaireResponse.objects.create(
        round=round, questionnaire=questionnaire, organization=state, respondent=users["state_delegate"]
    )
    pending = {
        "colleague": MembershipFactory(organization=ngo, status=MembershipStatus.PENDING),
        "other": MembershipFactory(organization=other, status=MembershipStatus.PENDING),
        "expert": MembershipFactory(organization=None, role=MembershipRole.EXPERT, status=MembershipStatus.PENDING),
    }
    return {
        "users": users,
        "capacity": capacity,
        "ngo": ngo,
        "state": state,
        "unverified": OrganizationFactory(kind=OrganizationKind.NGO, verified=False),
        "pending": pending,
        "instrument": instrument,
        "published": published,
        "editing": editing,
        "round": round,
        "own": own,
        "other": delegate_comment,
        "amendment": amendment,
        "pending_comment": pending_comment,
        "campaign": campaign,
        "sent_by_many": sent_by_many,
        "cosignature": CoSignature.objects.create(comment=delegate_comment, organization=ngo),
        "objects": {
            ("portal", "user"): users["unaccredited"],
            ("portal", "organization"): ngo,
            ("portal", "membership"): pending["colleague"],
            ("portal", "invitation"): Invitation.objects.create(
                email="x@example.org",
                role="delegate",
                organization=ngo,
                token_hash="0" * 64,
                created_by=users["secretariat"],
                expires_at=OPENS,
            ),
            ("portal", "auditentry"): AuditEntry.objects.create(action="roles_changed"),
            ("account", "emailaddress"): EmailAddress.objects.get(user=users["unaccredited"]),
            ("mfa", "authenticator"): Authenticator.objects.filter(user=users["drafter"]).first(),
            ("usersessions", "usersession"): UserSession.objects.get(session_key="matrix"),
            ("consultations", "phase"): phase,
            ("consultations", "activity"): activity,
            ("consultations", "activitydocument"): activity,  # edited inline, on its activity's page
            ("consultations", "round"): round,
            ("consultations", "questionnaire"): questionnaire,
            ("consultations", "question"): questionnaire,  # inline, on its questionnaire's page
            ("consultations", "moderationreason"): ModerationReason.objects.first(),
            ("consultations", "comment"): delegate_comment,
            ("consultations", "submission"): submission,
            ("consultations", "questionnaireresponse"): response,
            ("consultations", "moderationdecision"): decision,
            ("consultations", "flag"): flag,
            ("portal", "outgoingemail"): email,
        },
        "question": question,
    }


def actor(world, role):
    return world["users"][role] or AnonymousUser()


def sign_in(client, world, role):
    client.logout()
    if world["users"][role]:
        client.force_login(world["users"][role])


# --- Paths: each tries the action as the signed-in role and says whether it was allowed ------


@dataclass(frozen=True)
class Path:
    name: str
    attempt: Callable  # (client, world, role, obj) -> allowed?
    door: frozenset = EVERYONE  # the roles that reach this path at all


def page(url):
    return Path("page", lambda client, world, role, obj: client.get(url(world, obj)).status_code == 200)


def shows(url, needle, name="page"):
    """The page offers the action (a link or a button to it)."""
    return Path(
        name, lambda client, world, role, obj: needle(world, obj) in client.get(url(world, obj)).content.decode()
    )


def post(url, data, effect, name="page", headers=None):
    def attempt(client, world, role, obj):
        client.post(url(world, obj), data(world, role, obj), headers=headers or {})
        return effect(world, obj)

    return Path(name, attempt)


def htmx(url, data, effect):
    return post(url, data, effect, name="htmx", headers={"HX-Request": "true"})


def admin_get(url, needle=None, door=ADMIN_DOOR):
    def attempt(client, world, role, obj):
        response = client.get(url(world, obj))
        return response.status_code == 200 and (needle is None or needle in response.content.decode())

    return Path("admin", attempt, door)


def admin_action(url, action, effect, extra=None, door=ADMIN_DOOR):
    """An admin action posted; with door=READ_ONLY, one the admin no longer has (its page does it)."""

    def attempt(client, world, role, obj):
        target = obj if obj is not None else extra(world)
        client.post(url, {"action": action, "_selected_action": [target.pk], "confirmed": "yes"})
        return effect(world, obj)

    return Path("admin", attempt, door)


def api(url):
    return Path("api", lambda client, world, role, obj: client.get(url(world, obj)).status_code == 200)


def comment_form(world, role, obj, **fields):
    return {
        "capacity": world["capacity"][role],
        "kind": "comment",
        "position": "neutral",
        "text": "Matrix comment.",
        "language": "en",
        "confidentiality": "public",
        "client_token": secrets.token_urlsafe(8),
        "proposed_text": "",
        "on_behalf_note": "",
        **fields,
    }


def comments_url(world, obj):
    return f"/en/consultation/rounds/{world['round'].pk}/comments/{world['published'].provisions.get().key}/"


def new_comment_url(world, obj):
    return comments_url(world, obj) + "new/"


def stored(**lookup):
    return lambda world, obj: Comment.objects.filter(**lookup).exists()


def reloaded(obj):
    return type(obj).objects.get(pk=obj.pk)


def own_comment(world, role):
    return world["own"].get(role, world["other"])


def provision_url(world, version, action):
    provision = version.provisions.get()
    return f"/en/texts/matrix/v{version.number}/{provision.key}/{action}"


def restore_url(world, version):
    provision = version.provisions.get()
    record = RevisionRecord.objects.get_for_object(provision).last()
    return provision_url(world, version, f"history/{record.pk}/restore/")


def move_second_up(client, world, role, version):
    """Adds a second provision (as the drafter), then tries to move it up, before the first."""
    second = text_services.provision_create(
        version=version, by=world["users"]["drafter"], kind="operative", label="2", texts={"en": "Second."}
    )
    client.post(
        f"/en/texts/matrix/v{version.number}/{second.key}/move/", {"where": "up", "base_revision": second.revision}
    )
    return reloaded(second).position == 1


# --- The rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    permission: str
    allowed: frozenset
    paths: tuple = ()
    obj: Callable = field(default=lambda world, role: None)
    case: str = ""
    when_open: bool = False  # allowed only while the round is open; tried in every round state

    @property
    def id(self):
        return f"{self.permission}[{self.case}]" if self.case else self.permission

    def states(self):
        return list(MOMENTS) if self.when_open else [None]

    def expected(self, role, state, door=EVERYONE):
        return role in self.allowed and role in door and (not self.when_open or state == "open")


def version_row(permission, case, version, allowed, paths):
    return Row(permission, allowed, paths, obj=lambda world, role: world[version], case=case)


ROUND = {"obj": lambda world, role: world["round"], "when_open": True}

TAKING_PART = [
    Row(
        "consultations.follow",
        SIGNED_IN,
        (
            post(
                lambda w, o: "/en/consultation/follow/matrix/",
                lambda w, role, o: {"key": "", "follow": "1"},
                lambda w, o: Follow.objects.filter(instrument=w["instrument"], key="").exists(),
            ),
        ),
    ),
    Row(
        "consultations.comment",
        SPEAKERS,
        (
            post(new_comment_url, comment_form, stored(text="Matrix comment.")),
            htmx(new_comment_url, comment_form, stored(text="Matrix comment.")),
            shows(comments_url, lambda world, obj: 'name="client_token"'),
        ),
        **ROUND,
    ),
    Row(
        "consultations.reply",
        SPEAKERS,
        (
            post(
                new_comment_url,
                lambda world, role, obj: comment_form(world, role, obj, parent=world["other"].pk),
                lambda world, obj: Comment.objects.filter(parent=world["other"]).exists(),
            ),
            htmx(
                new_comment_url,
                lambda world, role, obj: comment_form(world, role, obj, parent=world["other"].pk),
                lambda world, obj: Comment.objects.filter(parent=world["other"]).exists(),
            ),
        ),
        **ROUND,
    ),
    Row(
        "consultations.amend",
        SPEAKERS,
        (
            post(
                new_comment_url,
                lambda world, role, obj: comment_form(world, role, obj, kind="amendment", proposed_text="Other text."),
                stored(kind="amendment", text="Matrix comment."),
            ),
            htmx(
                new_comment_url,
                lambda world, role, obj: comment_form(world, role, obj, kind="amendment", proposed_text="Other text."),
                stored(kind="amendment", text="Matrix comment."),
            ),
        ),
        **ROUND,
    ),
    Row(
        "consultations.submit",
        SPEAKERS,
        (
            post(
                lambda world, obj: f"/en/consultation/rounds/{obj.pk}/submit/",
                lambda world, role, obj: {
                    "capacity": world["capacity"][role],
                    "summary": "Matrix submission.",
                    "language": "en",
                    "confidentiality": "public",
                    "client_token": secrets.token_urlsafe(8),
                    "files": SimpleUploadedFile("views.pdf", PDF),
                },
                lambda world, obj: Submission.objects.filter(summary="Matrix submission.").exists(),
            ),
        ),
        **ROUND,
    ),
    Row(
        "consultations.answer_questionnaire",
        SPEAKERS,
        (
            post(
                lambda world, obj: f"/en/consultation/rounds/{obj.pk}/questionnaire/",
                lambda world, role, obj: {
                    "capacity": world["capacity"][role],
                    f"answer-{world['question'].pk}": "Matrix answer.",
                    "action": "save",
                    "confidentiality": "public",
                },
                lambda world, obj: QuestionnaireResponse.objects.filter(answers__text="Matrix answer.").exists(),
            ),
        ),
        **ROUND,
    ),
    Row(
        "consultations.edit_comment",
        SPEAKERS,
        (
            post(
                lambda world, obj: f"/en/consultation/comments/{obj.pk}/edit/",
                lambda world, role, obj: {"text": "Edited in the matrix.", "position": "neutral"},
                lambda world, obj: reloaded(obj).text == "Edited in the matrix.",
            ),
            shows(lambda world, obj: "/en/consultation/mine/", lambda world, obj: f"/comments/{obj.pk}/edit/"),
        ),
        obj=own_comment,
        when_open=True,
    ),
    Row(
        "consultations.withdraw_comment",
        SPEAKERS,
        (
            post(
                lambda world, obj: f"/en/consultation/comments/{obj.pk}/withdraw/",
                lambda world, role, obj: {},
                lambda world, obj: reloaded(obj).is_withdrawn,
            ),
            shows(lambda world, obj: "/en/consultation/mine/", lambda world, obj: f"/comments/{obj.pk}/withdraw/"),
        ),
        obj=own_comment,
        when_open=True,
    ),
    Row(
        "consultations.cosign",
        NGO_MEMBERS,
        (
            post(
                lambda world, obj: f"/en/consultation/cosignatures/{obj.pk}/",
                lambda world, role, obj: {"decision": "confirm"},
                lambda world, obj: reloaded(obj).status == "confirmed",
            ),
            shows(lambda world, obj: "/en/consultation/mine/", lambda world, obj: f"/cosignatures/{obj.pk}/"),
        ),
        obj=lambda world, role: world["cosignature"],
        when_open=True,
    ),
    Row(
        "consultations.report",
        SIGNED_IN - {"state_delegate"},  # the author does not report their own comment
        (
            page(lambda world, obj: f"/en/consultation/comments/{obj.pk}/report/"),
            post(
                lambda world, obj: f"/en/consultation/comments/{obj.pk}/report/",
                lambda world, role, obj: {"kind": "abuse", "reason": "Matrix report."},
                lambda world, obj: Flag.objects.filter(reason="Matrix report.").exists(),
            ),
            shows(comments_url, lambda world, obj: f"/comments/{obj.pk}/report/"),
        ),
        obj=lambda world, role: world["other"],
        when_open=True,
    ),
]

STAFF = [
    Row(
        "consultations.see_secretariat_only",
        TEXT_STAFF,
        (
            page(lambda world, obj: f"/en/exports/rounds/{world['round'].pk}/comments.csv?audience=secretariat"),
            shows(
                lambda world, obj: f"/en/consultation/rounds/{world['round'].pk}/comments/general/",
                lambda world, obj: "Held.",
            ),
        ),
    ),
    Row(
        "consultations.decide_amendment",
        DRAFTERS,
        (
            post(
                lambda world, obj: f"/en/consultation/comments/{world['amendment'].pk}/decision/",
                lambda world, role, obj: {"outcome": "accepted", "note": ""},
                lambda world, obj: reloaded(world["amendment"]).outcome == "accepted",
            ),
            page(lambda world, obj: "/en/consultation/amendments/matrix/v2/"),
        ),
    ),
    Row(
        "consultations.compile_responses",
        TEXT_STAFF,
        (page(lambda world, obj: f"/en/consultation/rounds/{world['round'].pk}/questionnaire/replies/"),),
    ),
    Row(
        "consultations.moderate",
        SECRETARIAT,
        (
            page(lambda world, obj: "/en/consultation/moderation/"),
            page(lambda world, obj: "/en/consultation/console/"),
            post(
                lambda world, obj: f"/en/consultation/moderation/comment/{world['pending_comment'].pk}/decide/",
                lambda world, role, obj: {"action": "publish", "expected_state": "pending"},
                lambda world, obj: reloaded(world["pending_comment"]).state == "published",
            ),
            page(lambda world, obj: f"/en/consultation/moderation/campaigns/{world['campaign'].pk}/"),
            post(
                lambda world, obj: f"/en/consultation/moderation/campaigns/{world['campaign'].pk}/decide/",
                lambda world, role, obj: {"action": "publish", "expected_revision": 1},
                lambda world, obj: reloaded(world["sent_by_many"][1]).state == "published",
            ),
            post(
                lambda world, obj: (
                    f"/en/consultation/moderation/campaigns/{world['campaign'].pk}"
                    f"/members/{world['sent_by_many'][2].pk}/remove/"
                ),
                lambda world, role, obj: {"expected_revision": 1},
                lambda world, obj: reloaded(world["sent_by_many"][2]).kept_apart,
            ),
            post(
                lambda world, obj: f"/en/consultation/moderation/rounds/{world['round'].pk}/regroup/",
                lambda world, role, obj: {},
                lambda world, obj: not Campaign.objects.filter(pk=world["campaign"].pk).exists(),
            ),
            admin_action(
                "/en/admin/consultations/comment/",
                "moderate_publish",
                lambda world, obj: reloaded(world["pending_comment"]).state == "published",
                extra=lambda world: world["pending_comment"],
                door=READ_ONLY,
            ),
        ),
    ),
    Row(
        "consultations.view_moderation", TEXT_STAFF, (page(lambda world, obj: "/en/consultation/moderation/metrics/"),)
    ),
    Row("consultations.add_round", SECRETARIAT, (page(lambda w, o: "/en/consultation/rounds/new/"),), case="form"),
    Row(
        "consultations.change_round",
        SECRETARIAT,
        (
            page(lambda w, o: f"/en/consultation/rounds/{w['round'].pk}/edit/"),
            post(
                lambda w, o: f"/en/consultation/rounds/{w['round'].pk}/close/",
                lambda w, role, o: {},
                lambda w, o: reloaded(w["round"]).closes_at != w["round"].closes_at,
            ),
        ),
        case="form",
    ),
]
ADOPTION_URL = "/en/texts/matrix/v1/adoption/enter/"
WITHOUT_A_VOTE = "1st meeting\n1 January 2020\n[Adopted without a vote.]"  # made up for the matrix: names no State

TEXTS = [
    version_row("drafts.read_version", "editing", "editing", TEXT_STAFF, (page(lambda w, o: "/en/texts/matrix/v2/"),)),
    version_row(
        "drafts.read_version",
        "published",
        "published",
        EVERYONE,
        (
            page(lambda w, o: "/en/texts/matrix/v1/"),
            api(lambda w, o: "/api/instruments/matrix/versions/1/provisions"),
        ),
    ),
    version_row(
        "drafts.edit_text",
        "editing",
        "editing",
        TEXT_STAFF,
        (
            page(lambda w, o: provision_url(w, o, "edit/")),
            post(
                lambda w, o: provision_url(w, o, "edit/"),
                lambda w, role, o: {
                    "base_revision": o.provisions.get().revision,
                    "kind": "operative",
                    "label": "1",
                    "text_en": "Edited in the matrix.",
                },
                lambda w, o: o.provisions.get().text_en == "Edited in the matrix.",
            ),
            shows(lambda w, o: "/en/texts/matrix/v2/", lambda w, o: provision_url(w, o, "edit/")),
            htmx(
                lambda w, o: provision_url(w, o, "edit/"),
                lambda w, role, o: {"base_revision": o.provisions.get().revision, "kind": "operative", "label": "1"},
                lambda w, o: o.provisions.get().text_en == "",
            ),
            page(lambda w, o: provision_url(w, o, "move/")),
            Path("page", move_second_up),
            page(lambda w, o: provision_url(w, o, "add/")),
            post(
                lambda w, o: provision_url(w, o, "add/"),
                lambda w, role, o: {"kind": "operative", "language": "en", "text": "Added in the matrix."},
                lambda w, o: o.provisions.filter(text_en="Added in the matrix.").exists(),
            ),
            page(lambda w, o: "/en/texts/matrix/v2/translation/"),
            post(
                lambda w, o: "/en/texts/matrix/v2/translation/",
                lambda w, role, o: {
                    "step": "apply",
                    "language": "fr",
                    f"text-{o.provisions.get().pk}": "Texte.",
                    f"base-{o.provisions.get().pk}": o.provisions.get().revision,
                },
                lambda w, o: o.provisions.get().text_fr == "Texte.",
            ),
            shows(lambda w, o: "/en/texts/matrix/v2/", lambda w, o: "/en/texts/matrix/v2/translation/"),
            shows(lambda w, o: "/en/texts/matrix/v2/", lambda w, o: provision_url(w, o, "move/")),
            page(lambda w, o: "/en/texts/matrix/v2/particulars/"),
            post(
                lambda w, o: "/en/texts/matrix/v2/particulars/",
                lambda w, role, o: {
                    "base": particulars_stamp(reloaded(o)),
                    "label_en": "V2",
                    "title_en": "Matrix text",
                    "symbol": "A/HRC/WG.20/1",
                },
                lambda w, o: reloaded(o).symbol == "A/HRC/WG.20/1",
            ),
            shows(lambda w, o: "/en/texts/matrix/v2/", lambda w, o: "/en/texts/matrix/v2/particulars/"),
            admin_get(lambda w, o: f"/en/admin/drafts/version/{o.pk}/change/", 'name="_save"', READ_ONLY),
        ),
    ),
    version_row(
        "drafts.edit_text",
        "published",
        "published",
        NOBODY,
        (
            page(lambda w, o: provision_url(w, o, "edit/")),
            page(lambda w, o: provision_url(w, o, "move/")),
            page(lambda w, o: "/en/texts/matrix/v1/translation/"),
            page(lambda w, o: provision_url(w, o, "add/")),
            page(lambda w, o: "/en/texts/matrix/v1/particulars/"),
            shows(lambda w, o: "/en/texts/matrix/v1/", lambda w, o: "/en/texts/matrix/v1/particulars/"),
            shows(lambda w, o: "/en/texts/matrix/v1/", lambda w, o: provision_url(w, o, "move/")),
            shows(lambda w, o: "/en/texts/matrix/v1/", lambda w, o: "/en/texts/matrix/v1/translation/"),
            admin_get(lambda w, o: f"/en/admin/drafts/version/{o.pk}/change/", 'name="_save"', READ_ONLY),
        ),
    ),
    Row(
        "drafts.edit_text",
        TEXT_STAFF,
        (
            page(lambda w, o: "/en/drafting/"),
            page(lambda w, o: "/en/texts/matrix/import/"),
            page(lambda w, o: "/en/texts/matrix/v1/new-version/"),
            post(
                lambda w, o: "/en/texts/matrix/v1/new-version/",
                lambda w, role, o: {"label": "V3"},
                lambda w, o: w["instrument"].versions.filter(label_en="V3").exists(),
            ),
            shows(lambda w, o: "/en/texts/matrix/v1/", lambda w, o: "/en/texts/matrix/v1/new-version/"),
            admin_get(lambda w, o: "/en/admin/drafts/version/add/", door=READ_ONLY),
        ),
        case="no version",
    ),
    version_row(
        "drafts.publish_version",
        "editing",
        "editing",
        TEXT_STAFF,
        (
            page(lambda w, o: "/en/texts/matrix/v2/publish/"),
            post(
                lambda w, o: "/en/texts/matrix/v2/publish/",
                lambda w, role, o: {"label": "V2 published", "changelog": "Edited.", "untranslated_ok": "on"},
                lambda w, o: reloaded(o).status == VersionStatus.PUBLISHED,
            ),
            shows(lambda w, o: "/en/texts/matrix/v2/", lambda w, o: "/en/texts/matrix/v2/publish/"),
            admin_action(
                "/en/admin/drafts/version/",
                "publish",
                lambda w, o: reloaded(o).status == VersionStatus.PUBLISHED,
                door=READ_ONLY,
            ),
        ),
    ),
    version_row(
        "drafts.publish_version",
        "published",
        "published",
        NOBODY,
        (
            page(lambda w, o: "/en/texts/matrix/v1/publish/"),
            shows(lambda w, o: "/en/texts/matrix/v1/", lambda w, o: "/en/texts/matrix/v1/publish/"),
            admin_action(
                "/en/admin/drafts/version/",
                "publish",
                lambda w, o: reloaded(o).published_at != o.published_at,
                door=READ_ONLY,
            ),
        ),
    ),
    version_row(
        "drafts.restore_revision",
        "editing",
        "editing",
        DRAFTERS,
        (
            page(lambda w, o: restore_url(w, o)),
            post(
                lambda w, o: restore_url(w, o),
                lambda w, role, o: {"base_revision": o.provisions.get().revision},
                lambda w, o: o.provisions.get().text_en == "Text.",
            ),
            shows(lambda w, o: provision_url(w, o, "history/"), lambda w, o: "/restore/"),
        ),
    ),
    version_row(
        "drafts.restore_revision",
        "published",
        "published",
        NOBODY,
        (
            page(lambda w, o: restore_url(w, o)),
            shows(lambda w, o: provision_url(w, o, "history/"), lambda w, o: "/restore/"),
        ),
    ),
    version_row(
        "drafts.enter_adoption",
        "published",
        "published",
        TEXT_STAFF,
        (
            page(lambda w, o: ADOPTION_URL),
            shows(lambda w, o: "/en/texts/matrix/v1/", lambda w, o: ADOPTION_URL),
        ),
    ),
    version_row(
        "drafts.enter_adoption",
        "editing",
        "editing",
        NOBODY,
        (page(lambda w, o: "/en/texts/matrix/v2/adoption/enter/"),),
    ),
    version_row(
        "drafts.confirm_adoption",
        "published",
        "published",
        SECRETARIAT,
        (
            post(
                lambda w, o: ADOPTION_URL,
                lambda w, role, o: {"body": "hrc", "block": WITHOUT_A_VOTE, "confirm": ""},
                lambda w, o: Adoption.objects.filter(version=o).exists(),
            ),
        ),
    ),
    version_row(
        "drafts.confirm_adoption",
        "editing",
        "editing",
        NOBODY,
        (
            post(
                lambda w, o: "/en/texts/matrix/v2/adoption/enter/",
                lambda w, role, o: {"body": "hrc", "block": WITHOUT_A_VOTE, "confirm": ""},
                lambda w, o: Adoption.objects.exists(),
            ),
        ),
    ),
]


def decide_row(case, allowed):
    return Row(
        "portal.decide_membership",
        allowed,
        (
            post(
                lambda world, obj: f"/en/accreditation/requests/{obj.pk}/decide/",
                lambda world, role, obj: {"decision": "approve", "reason": ""},
                lambda world, obj: reloaded(obj).status == MembershipStatus.APPROVED,
            ),
            admin_action(
                "/en/admin/portal/membership/",
                "approve",
                lambda w, o: reloaded(o).status == MembershipStatus.APPROVED,
                door=READ_ONLY,
            ),
        ),
        obj=lambda world, role: world["pending"][case],
        case=case,
    )


PEOPLE = [
    Row("portal.request_membership", SIGNED_IN, (page(lambda w, o: "/en/accreditation/request/"),)),
    decide_row("colleague", SECRETARIAT | {"focal_point"}),
    decide_row("other", SECRETARIAT),
    decide_row("expert", SECRETARIAT),
    Row(
        "portal.view_pending_requests",
        SECRETARIAT | {"focal_point"},
        (page(lambda w, o: f"/en/accreditation/organizations/{o.pk}/members/"),),
        obj=lambda world, role: world["ngo"],
        case="own organization",
    ),
    Row(
        "portal.view_pending_requests",
        SECRETARIAT | {"focal_point"},
        (page(lambda w, o: "/en/accreditation/requests/"),),
        case="any",
    ),
    Row(
        "portal.invite",
        SECRETARIAT,
        (
            page(lambda w, o: "/en/accreditation/invitations/"),
            post(
                lambda w, o: "/en/accreditation/invitations/",
                lambda w, role, o: {
                    "email": "new@example.org",
                    "role": "delegate",
                    "organization": w["ngo"].pk,
                    "language": "en",
                },
                lambda w, o: Invitation.objects.filter(email="new@example.org").exists(),
            ),
        ),
    ),
    Row(
        "portal.verify_organization",
        SECRETARIAT,
        (
            post(
                lambda w, o: f"/en/accreditation/organizations/{w['unverified'].pk}/verify/",
                lambda w, role, o: {},
                lambda w, o: reloaded(w["unverified"]).verified,
            ),
            admin_action(
                "/en/admin/portal/organization/",
                "verify",
                lambda w, o: reloaded(w["unverified"]).verified,
                extra=lambda w: w["unverified"],
                door=READ_ONLY,
            ),
        ),
    ),
    Row("portal.view_audit", SECRETARIAT, (page(lambda w, o: "/en/accreditation/audit/"),)),
    Row("portal.reach_admin", TEXT_STAFF, (page(lambda w, o: "/en/admin/"),)),
]


def admin_rows():
    """The admin's own permissions: a list (view), an empty form (add), a Save button (change),
    a confirmation page (delete), an application's index (its module permission)."""
    configuration = ["phase", "activity", "activitydocument", "questionnaire", "question", "moderationreason"]
    records = ["comment", "submission", "questionnaireresponse", "moderationdecision", "flag"]
    table = [
        (
            "portal.view_{}",
            SECRETARIAT,
            ["user", "organization", "membership", "invitation", "auditentry", "outgoingemail"],
        ),
        ("portal.change_{}", SECRETARIAT, ["user", "organization"]),
        ("portal.add_{}", SECRETARIAT, ["organization"]),
        ("account.{}_emailaddress", SUPERUSER, ["view", "delete"]),
        ("mfa.{}_authenticator", SUPERUSER, ["view", "delete"]),
        ("usersessions.{}_usersession", SUPERUSER, ["view", "delete"]),
        ("consultations.view_{}", SECRETARIAT, [*configuration, "round"]),
        ("consultations.add_{}", SECRETARIAT, configuration),
        ("consultations.change_{}", SECRETARIAT, configuration),
        ("consultations.view_{}", TEXT_STAFF, records),
    ]
    rows = []
    for pattern, allowed, names in table:
        for name in names:
            permission = pattern.format(name)
            app, codename = permission.split(".")
            action, model = codename.split("_", 1)
            rows.append(Row(permission, allowed, (admin_path(app, action, model),)))
    rows.append(
        Row(
            "portal.resend_email",
            SECRETARIAT,
            (
                admin_action(
                    "/en/admin/portal/outgoingemail/",
                    "resend",
                    lambda w, o: reloaded(w["objects"]["portal", "outgoingemail"]).status == "pending",
                    extra=lambda w: w["objects"]["portal", "outgoingemail"],
                ),
            ),
        )
    )
    for app, allowed in [
        ("portal", SECRETARIAT),
        ("drafts", TEXT_STAFF),
        ("consultations", TEXT_STAFF),
        ("account", SUPERUSER),
        ("mfa", SUPERUSER),
        ("usersessions", SUPERUSER),
    ]:
        rows.append(Row(app, allowed, (admin_get(lambda w, o, app=app: f"/en/admin/{app}/"),), case="module"))
    return rows


# Models edited inline, on their parent's page: the formset's prefix and a field of theirs.
INLINES = {"activitydocument": ("documents", "symbol"), "question": ("questions", "label")}


def admin_path(app, action, model):
    def url(world, obj, suffix=""):
        target = world["objects"][app, model]
        name = target._meta.model_name
        return f"/en/admin/{app}/{name}/{target.pk}/{suffix}"

    if model in INLINES:  # edited inline, on its parent's page
        prefix, field_name = INLINES[model]
        needle = {
            "view": f'id="{prefix}-group"',
            "add": f'id="{prefix}-empty"',
            "change": f'name="{prefix}-0-{field_name}"',
        }[action]
        return admin_get(lambda w, o: url(w, o, "change/"), needle)
    if action == "view":
        return admin_get(lambda w, o: f"/en/admin/{app}/{model}/")
    if action == "add":
        return admin_get(lambda w, o: f"/en/admin/{app}/{model}/add/")
    if action == "change":
        return admin_get(lambda w, o: url(w, o, "change/"), 'name="_save"')
    return admin_get(lambda w, o: url(w, o, "delete/"), 'name="post"')


ROWS = TAKING_PART + STAFF + TEXTS + PEOPLE + admin_rows()


# --- The tests ------------------------------------------------------------------------------


def test_every_permission_in_every_rules_py_has_a_row():
    defined = set(rules.permissions.permissions)
    covered = {row.permission for row in ROWS}
    assert defined - covered == set(), "permissions without a row in the matrix"
    assert covered - defined == set(), "rows for permissions no rules.py defines"


def frozen_at(state):
    return freeze_time(MOMENTS[state]) if state else freeze_time(MOMENTS["open"], tick=True)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_permission(world, client, row):
    failures = []
    for state in row.states():
        with frozen_at(state):
            for role in ROLES:
                obj = row.obj(world, role)
                if actor(world, role).has_perm(row.permission, obj) is not row.expected(role, state):
                    failures.append(f"the rule: {role}, round {state or '-'}")
                for path in row.paths:
                    expected = row.expected(role, state, path.door)
                    with transaction.atomic():
                        sign_in(client, world, role)
                        allowed = path.attempt(client, world, role, obj)
                        transaction.set_rollback(True)
                    if allowed is not expected:
                        failures.append(
                            f"{path.name}: {role}, round {state or '-'}: {'allowed' if allowed else 'denied'}"
                        )
    assert not failures, f"{row.id}: " + "; ".join(failures)


def moderation_queue(world, obj):
    return "/en/consultation/moderation/"


# What a staff page writes, read in the admin: (app, model, the record, its staff page or None).
READ_ONLY_ADMIN = [
    ("drafts", "version", lambda w: w["editing"], lambda w, o: "/en/texts/matrix/v2/"),
    ("drafts", "provision", lambda w: w["editing"].provisions.get(), lambda w, o: f"/en/texts/matrix/v2/#{o.key}"),
    ("consultations", "round", lambda w: w["round"], lambda w, o: f"/en/consultation/rounds/{o.pk}/edit/"),
    *[
        ("consultations", model, lambda w, model=model: w["objects"]["consultations", model], moderation_queue)
        for model in ("comment", "submission", "moderationdecision", "flag")
    ],
    ("consultations", "questionnaireresponse", lambda w: w["objects"]["consultations", "questionnaireresponse"], None),
    (
        "portal",
        "membership",
        lambda w: w["pending"]["colleague"],
        lambda w, o: "/en/accreditation/requests/",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("app", "model", "record", "staff_page"), READ_ONLY_ADMIN, ids=[f"{a}.{m}" for a, m, *_ in READ_ONLY_ADMIN]
)
def test_the_admin_only_reads_what_a_staff_page_writes(world, client, app, model, record, staff_page):
    """Even a superuser: a list without actions, a change page without Save that links to the
    staff page, and add, change and delete refused (403)."""
    obj = record(world)
    client.force_login(world["users"]["superuser"])
    base = f"/en/admin/{app}/{model}/"
    listing = client.get(base)
    assert listing.status_code == 200 and 'name="action"' not in listing.content.decode()
    change = client.get(f"{base}{obj.pk}/change/")
    html = change.content.decode()
    assert change.status_code == 200 and 'name="_save"' not in html
    if staff_page:
        assert f'href="{staff_page(world, obj)}"' in html
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {}).status_code == 403
    assert client.post(f"{base}{obj.pk}/change/", {"_save": "Save"}).status_code == 403
    assert client.get(f"{base}{obj.pk}/delete/").status_code == 403
    assert client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}).status_code == 403


@pytest.mark.django_db
def test_the_directory_is_corrected_in_the_admin_and_verified_on_its_page(world, client):
    """An organization's names stay a back-office record (Save), its verification does not."""
    client.force_login(world["users"]["secretariat"])
    url = f"/en/admin/portal/organization/{world['unverified'].pk}/change/"
    html = client.get(url).content.decode()
    assert 'name="_save"' in html and 'href="/en/accreditation/requests/"' in html
    listing = client.get("/en/admin/portal/organization/").content.decode()
    assert 'value="verify"' not in listing


@pytest.mark.django_db
def test_a_focal_point_never_decides_their_own_request(world):
    focal_point = world["users"]["focal_point"]
    own = Membership.objects.get(user=focal_point)
    assert not focal_point.has_perm("portal.decide_membership", own)


@pytest.mark.django_db
def test_a_refusal_says_why(world):
    """The reasons a person reads (portal.permissions.reason_refused), one per condition."""
    from portal.permissions import reason_refused

    users, round = world["users"], world["round"]
    with freeze_time(MOMENTS["upcoming"]):
        assert "opens on 10 January 2030, 10:00 (Geneva time)" in reason_refused(
            users["ngo_member"], "consultations.comment", round
        )
        with translation.override("fr"):
            assert "10 janvier 2030 à 10:00" in reason_refused(users["ngo_member"], "consultations.comment", round)
    with freeze_time(MOMENTS["closed"]):
        assert "closed" in reason_refused(users["ngo_member"], "consultations.comment", round)
    with freeze_time(MOMENTS["open"]):
        assert "pending" in reason_refused(world["pending"]["colleague"].user, "consultations.comment", round)
        assert "accredited" in reason_refused(users["unaccredited"], "consultations.comment", round)
        assert "Sign in" in reason_refused(AnonymousUser(), "consultations.comment", round)
        assert reason_refused(users["ngo_member"], "consultations.comment", round) is None
    for role in ("secretariat_without_mfa", "superuser_without_mfa"):
        assert "two-factor" in reason_refused(users[role], "consultations.moderate")
    assert "published" in reason_refused(users["drafter"], "drafts.edit_text", world["published"])
    assert "Only drafters" in reason_refused(users["secretariat"], "drafts.restore_revision", world["editing"])
