"""Query counts of every public page, fragment, export and API endpoint (N+1-free).

The rule: the number of SQL queries a GET costs must not depend on how much data the page
shows. Each row of PAGES below names a page, who looks at it, and what it lists; the test
builds a small dataset, counts the queries of one GET, grows what the page lists (at least
5× more rows, spread over several authors, organizations, provisions, versions...), counts
again and asserts that both counts are equal. A per-row query (an N+1) shows up as a
difference. Each page is checked as whoever sees the most on it (the secretariat or a drafter
for staff pages and staff views of public pages, the author for "my" pages) and anonymously
when it is public.

Counting: before the first count a GET warms the session up (a session's first request
records it); before each count the cache is cleared (so the cached rendering of a published
text is rendered again and counted); a streamed body (CSV, JSON, XLSX, documents) is read
inside the count. Staff are signed in with force_login: the conftest's secretariat and
drafters hold a TOTP authenticator, which is what their roles require (portal/rules.py).

Not covered, because they are not read pages: every POST-only address (comment_create,
comment_withdraw, amendment_decide, cosignature_decide, moderation_bulk, moderation_decide,
moderation_claim, membership_decide, organization_verify, provision_merge, provision_restore).
The Django admin (/admin/) and allauth's account screens (/accounts/) are third-party pages.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import moderation, services
from consultations.capacities import PERSONAL
from consultations.models import (
    Activity,
    ActivityDocument,
    ActivityKind,
    Comment,
    CommentKind,
    Confidentiality,
    CoSignature,
    CoSignatureStatus,
    Flag,
    FlagKind,
    ModerationReason,
    ModerationState,
    Phase,
    Question,
    Submission,
)
from consultations.notify import preferences_set
from drafts import services as text_services
from drafts.models import ProvisionKind, Version, VersionStatus
from portal import roles
from portal import services as people
from portal.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    OrganizationKind,
    RegionalGroup,
)
from tests.conftest import give_totp
from tests.consultations.conftest import (  # noqa: F401 (fixtures used by `world`)
    delegate,
    expert,
    make_round,
    ngo,
    ngo_member,
    questionnaire,
    round,
    state_org,
    version,
)
from tests.factories import (
    InstrumentFactory,
    MembershipFactory,
    OrganizationFactory,
    ProvisionFactory,
    UserFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db

SMALL = 2  # rows of each kind in the small dataset
MORE = 8  # rows added for the large one: 10 in all, five times as many

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SPEAKER_KINDS = [
    OrganizationKind.NGO,
    OrganizationKind.ACADEMIC,
    OrganizationKind.NHRI,
    OrganizationKind.IGO,
    OrganizationKind.UN_ENTITY,
    OrganizationKind.GROUP_OF_STATES,
    OrganizationKind.SPECIAL_PROCEDURE,
]
PREMODERATED = [OrganizationKind.NGO, OrganizationKind.ACADEMIC]  # their contributions wait in the queue
REGIONS = list(RegionalGroup.values)
POSITIONS = ["support", "oppose", "neutral"]
CONFIDENTIALITIES = [
    Confidentiality.PUBLIC,
    Confidentiality.ANONYMOUS,
    Confidentiality.PUBLIC,
    Confidentiality.SECRETARIAT,
]
LANGUAGES = ["en", "en", "fr"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- The data -----------------------------------------------------------------------------------


class World:
    """The consultation fixtures, and makers of more of everything a page may list."""

    def __init__(self, fixtures):
        for name, value in fixtures.items():
            setattr(self, name, value)
        self.instrument = self.version.instrument
        self.users = {name: fixtures[name] for name in ("secretariat", "drafter", "delegate", "ngo_member")}
        self.provisions = list(self.version.provisions.order_by("position"))
        self.speakers = [
            (self.delegate, str(self.state_org.pk), self.state_org),
            (self.ngo_member, str(self.ngo.pk), self.ngo),
            (self.expert, PERSONAL, None),
        ]
        self.totals = {}  # cumulative sizes, for makers that rebuild their subject
        self.cache = {}  # objects made once, on first use
        self._numbers = itertools.count(1)
        self._new_speakers = itertools.count(0)
        self.round.premoderated_kinds = PREMODERATED
        self.round.save(update_fields=["premoderated_kinds"])

    def n(self):
        return next(self._numbers)

    def once(self, name, make):
        if name not in self.cache:
            self.cache[name] = make()
        return self.cache[name]

    def total(self, name, added):
        self.totals[name] = self.totals.get(name, 0) + added
        return self.totals[name]

    def organization(self, **fields):
        n = self.n()
        values = {
            "name_en": f"Organization {n}",
            "kind": SPEAKER_KINDS[n % len(SPEAKER_KINDS)],
            "regional_group": REGIONS[n % len(REGIONS)],
        }
        values.update(fields)
        return OrganizationFactory(**values)

    def new_speaker(self):
        """A new person with a new organization of another kind and region, or (every third) a new expert."""
        if next(self._new_speakers) % 3 == 1:
            speaker = (MembershipFactory(organization=None, role=MembershipRole.EXPERT).user, PERSONAL, None)
        else:
            organization = self.organization()
            speaker = (
                MembershipFactory(organization=organization, role=MembershipRole.MEMBER).user,
                str(organization.pk),
                organization,
            )
        self.speakers.append(speaker)
        return speaker

    def speaker(self, i):
        """Every other one new; the others taken in turn from those already there, the expert first."""
        return self.new_speaker() if i % 2 == 0 else self.speakers[(i // 2 + 2) % len(self.speakers)]

    def moderator(self):
        """A second member of the secretariat."""
        return self.once("moderator", lambda: give_totp(staff_user(roles.SECRETARIAT)))

    def later(self):
        """Version 2 of the text (published) and a round on it: comments on version 1 are then
        shown folded as comments on earlier versions."""

        def make():
            later = text_services.version_copy(version=self.version, by=self.drafter, label="Revised text")
            text_services.version_publish(version=later, by=self.drafter)
            return later, make_round(later, title_en="Second round")

        return self.once("later", make)

    def draft_copy(self):
        return self.once(
            "draft_copy", lambda: text_services.version_copy(version=self.version, by=self.drafter, label="Next draft")
        )

    def qround(self):
        return self.once("qround", lambda: make_round(questionnaire=self.questionnaire, title_en="Questionnaire round"))


def forget_memberships(user):
    """Memberships are cached on the user object for a request: new ones are seen after this."""
    user.__dict__.pop("_approved_memberships", None)


def add_comments(w, n, on=None, provisions=None, speakers=None):
    """n top-level comments through the service, over provisions and general comments, by new
    and earlier speakers of every kind, with amendments, co-signers, replies, every
    confidentiality; NGOs and academics are pre-moderated. The first batch starts with a
    thread to the deepest level that everyone sees (replies are read level by level: the small
    dataset already has every level, so only the amount of data differs)."""
    on = on or w.round
    targets = provisions or list(on.version.provisions.order_by("position")) + [None]
    deep_thread = ("deep thread", on.pk, getattr(targets[0], "pk", None))
    first_batch = deep_thread not in w.cache
    w.cache[deep_thread] = True
    public_speakers = w.speakers[0], w.speakers[2]  # a State and an expert: published at once
    made = []
    for i in range(n):
        if i == 0 and not speakers:
            author, key, organization = public_speakers[0]
        else:
            author, key, organization = speakers[i % len(speakers)] if speakers else w.speaker(i)
        provision = targets[i % len(targets)]
        amendment = provision is not None and i % 3 != 2
        number = w.n()
        comment = services.comment_create(
            round=on,
            author=author,
            capacity_key=key,
            provision=provision,
            kind=CommentKind.AMENDMENT if amendment else CommentKind.COMMENT,
            proposed_text=f"Amended wording {number}." if amendment else "",
            position=POSITIONS[i % 3],
            language=LANGUAGES[i % 3],
            confidentiality=CONFIDENTIALITIES[i % 4] if i else Confidentiality.PUBLIC,
            text=f"Walrus comment {number} on international solidarity.",
            cosigner_ids=[w.organization().pk, w.ngo.pk] if organization is not None and i % 3 == 0 else [],
            on_behalf_note="on behalf of a group" if i % 5 == 4 else "",
        )
        made.append(comment)
        depth = services.MAX_REPLY_DEPTH if i == 0 and first_batch else 1 if i % 2 == 0 else 0
        parent = comment
        for level in range(depth):
            replier, replier_key, _organization = (
                public_speakers[(level + 1) % 2] if depth > 1 else w.speakers[(i + level + 1) % len(w.speakers)]
            )
            parent = services.comment_create(
                round=on,
                author=replier,
                capacity_key=replier_key,
                parent=parent,
                language="en",
                text=f"Walrus reply {w.n()} at level {level + 1}.",
            )
    CoSignature.objects.filter(comment__in=made).update(status=CoSignatureStatus.CONFIRMED, decided_at=timezone.now())
    return made


def grow_comments(w, n):
    add_comments(w, n)


def grow_paragraph_comments(w, n):
    add_comments(w, n, provisions=[w.provisions[1]])


def grow_general_comments(w, n):
    add_comments(w, n, provisions=[None])


def grow_provision_thread(w, n):
    """Comments on paragraph 1 in version 2, on the same paragraph in version 1 (shown folded),
    decided amendments and the amendments version 2 incorporates."""
    later, later_round = w.later()
    key = w.provisions[1].key
    earlier = add_comments(w, n, provisions=[w.provisions[1]])
    add_comments(w, n, on=later_round, provisions=[later.provisions.get(key=key)])
    amendments = [comment for comment in earlier if comment.kind == CommentKind.AMENDMENT]
    for amendment in amendments[::2]:
        services.amendment_decide(comment=amendment, by=w.drafter, outcome="partly", note="Kept the idea.")
    linked = list(
        Comment.objects.filter(version=w.version, provision__key=key, kind=CommentKind.AMENDMENT).values_list(
            "pk", flat=True
        )
    )
    services.amendments_trace(
        version=later, amendment_ids_by_provision={later.provisions.get(key=key).pk: linked}, by=w.drafter
    )


def permalink_target(w):
    """A reply two levels down a thread on paragraph 1, by a State (published, public)."""

    def make():
        top = services.comment_create(
            round=w.round,
            author=w.delegate,
            capacity_key=str(w.state_org.pk),
            provision=w.provisions[1],
            text="Top",
            language="en",
        )
        reply = services.comment_create(
            round=w.round, author=w.expert, capacity_key=PERSONAL, parent=top, text="Reply", language="en"
        )
        return services.comment_create(
            round=w.round,
            author=w.delegate,
            capacity_key=str(w.state_org.pk),
            parent=reply,
            text="Reply to the reply",
            language="en",
        )

    return w.once("permalink", make)


def grow_around_permalink(w, n):
    permalink_target(w)
    add_comments(w, n, provisions=[w.provisions[1]])


def grow_amendments_to_trace(w, n):
    """Amendments on version 1 (experts' too) that version 2, in editing, may incorporate."""
    copy = w.draft_copy()
    made = add_comments(w, n, provisions=w.provisions[1:])
    amendments = [comment for comment in made if comment.kind == CommentKind.AMENDMENT]
    by_provision = {}
    for amendment in amendments[::2]:
        by_provision.setdefault(copy.provisions.get(key=amendment.provision.key).pk, []).append(amendment.pk)
    for provision_id, ids in by_provision.items():
        ids += list(Comment.objects.filter(incorporations__provision_id=provision_id).values_list("pk", flat=True))
        services.amendments_trace(version=copy, amendment_ids_by_provision={provision_id: ids}, by=w.drafter)


def premoderated_speakers(w, count):
    """Members of new NGOs and academic institutions: what they send waits for moderation."""
    speakers = []
    for k in range(count):
        organization = w.organization(kind=PREMODERATED[k % len(PREMODERATED)])
        speakers.append(
            (
                MembershipFactory(organization=organization, role=MembershipRole.MEMBER).user,
                str(organization.pk),
                organization,
            )
        )
    return speakers


def grow_moderation_queue(w, n):
    """Pending comments and submissions, some reported (for abuse, for false attribution), some claimed."""
    speakers = premoderated_speakers(w, max(2, n // 2))
    made = add_comments(w, n, speakers=speakers)
    for _ in range(n // 2):
        ModerationReason.objects.create(label_en=f"Reason {w.n()}")  # offered in every item's form
    for i, comment in enumerate(Comment.objects.filter(pk__in=[c.pk for c in made]).order_by("pk")):
        if i % 2 == 0:
            reporter = w.new_speaker()[0]
            Flag.objects.create(
                comment=comment,
                reporter=reporter,
                kind=[FlagKind.ABUSE, FlagKind.FALSE_ATTRIBUTION][i % 4 // 2],
                reason="Look at this",
            )
        if i % 3 == 0:
            moderation.claim(item=comment, by=[w.secretariat, w.moderator()][i % 2])
    add_submissions(w, n, speakers=speakers)


def grow_decisions(w, n):
    """Decisions on comments and submissions by more and more moderators, with more and more reasons."""
    moderators = w.once("moderators", lambda: [w.secretariat])
    reasons = w.once("reason list", list)
    for _ in range(n // 2):
        moderators.append(give_totp(staff_user(roles.SECRETARIAT)))
        reasons.append(ModerationReason.objects.create(label_en=f"Reason {w.n()}"))
    speakers = premoderated_speakers(w, max(2, n // 2))
    add_comments(w, n, speakers=speakers)
    add_submissions(w, n, speakers=speakers)
    pending = list(Comment.objects.filter(state=ModerationState.PENDING, moderated_at=None)[:n]) + list(
        Submission.objects.filter(state=ModerationState.PENDING, moderated_at=None)[:n]
    )
    for i, item in enumerate(pending):
        action = ["publish", "reject", "spam" if isinstance(item, Comment) else "reject"][i % 3]
        moderation.decide(
            item=item,
            by=moderators[i % len(moderators)],
            action=action,
            expected_state=ModerationState.PENDING,
            reason_id=reasons[i % len(reasons)].pk if action != "publish" else None,
            reason_text="Explained.",
        )


def add_submissions(w, n, speakers=None):
    made = []
    for i in range(n):
        author, key, _organization = speakers[i % len(speakers)] if speakers else w.speaker(i)
        made.append(
            services.submission_create(
                round=w.round,
                author=author,
                capacity_key=key,
                summary=f"Submission {w.n()}",
                language="en",
                confidentiality=CONFIDENTIALITIES[i % 4],
                files=[SimpleUploadedFile(f"paper-{i}.pdf", PDF), SimpleUploadedFile(f"annex-{i}.pdf", PDF)],
            )
        )
    return made


def public_document(w):
    def make():
        submission = services.submission_create(
            round=w.round,
            author=w.delegate,
            capacity_key=str(w.state_org.pk),
            summary="Our views",
            language="en",
            files=[SimpleUploadedFile("views.pdf", PDF)],
        )
        return submission.files.get()

    return w.once("document", make)


def grow_submissions(w, n):
    public_document(w)
    add_submissions(w, n)


def grow_own_contributions(w, n):
    """The delegate joins more organizations and writes for each of them: comments (some
    withdrawn), written submissions, questionnaire answers; others ask them to co-sign."""
    me = w.delegate
    own = []
    for _ in range(n):
        organization = w.organization()
        MembershipFactory(user=me, organization=organization, role=MembershipRole.MEMBER)
        forget_memberships(me)
        own.append((me, str(organization.pk), organization))
    made = add_comments(w, n, speakers=own)
    for comment in made[::3]:
        services.comment_withdraw(comment=comment, by=me)
    add_submissions(w, n, speakers=own)
    questions = list(w.questionnaire.questions.all())
    for i, (_user, key, _organization) in enumerate(own):
        services.response_save(
            round=w.qround(),
            respondent=me,
            capacity_key=key,
            answers={q.pk: f"Answer {i}" for q in questions},
            submit=i % 2 == 0,
        )
    asking = [w.new_speaker() for _ in range(2)]
    asking = [speaker for speaker in asking if speaker[2] is not None] or [w.speakers[0]]
    for i, (_user, _key, organization) in enumerate(own):
        asker, asker_key, _org = asking[i % len(asking)]
        services.comment_create(
            round=w.round,
            author=asker,
            capacity_key=asker_key,
            text=f"Join us {w.n()}",
            language="en",
            cosigner_ids=[organization.pk],
        )


def grow_own_memberships(w, n):
    """Memberships of the delegate in every state and role."""
    statuses = [MembershipStatus.APPROVED, MembershipStatus.PENDING, MembershipStatus.REFUSED, MembershipStatus.REVOKED]
    for i in range(n):
        role = MembershipRole.FOCAL_POINT if i % 3 == 0 else MembershipRole.MEMBER
        MembershipFactory(
            user=w.delegate,
            organization=w.organization(),
            role=role,
            status=statuses[i % 4],
            decision_reason="Because.",
        )


def grow_own_requests(w, n):
    """Requests by the delegate (through the service, with their audit entries), some decided."""
    for i in range(n):
        membership = people.membership_request(
            user=w.delegate, role=MembershipRole.MEMBER, organization=w.organization(), note=f"Request {i}"
        )
        if i % 2:
            people.membership_decide(membership=membership, by=w.secretariat, approve=i % 4 == 1, reason="Checked.")


def grow_questions_and_answers(w, n):
    """More questions in the questionnaire, answered in a draft by the delegate's State and
    by other organizations."""
    start = w.questionnaire.questions.count()
    for position in range(start + 1, start + n + 1):
        Question.objects.create(
            questionnaire=w.questionnaire, position=position, label=f"({position})", text_en=f"Question {position}?"
        )
    answers = {q.pk: f"Our answer to {q.label}" for q in w.questionnaire.questions.all()}
    services.response_save(round=w.qround(), respondent=w.delegate, capacity_key=str(w.state_org.pk), answers=answers)
    for _ in range(2):
        author, key, _organization = w.new_speaker()
        services.response_save(round=w.qround(), respondent=author, capacity_key=key, answers=answers)


def grow_responses(w, n):
    """Submitted replies from new organizations and experts, every question answered."""
    questions = list(w.questionnaire.questions.all())
    for i in range(n):
        author, key, _organization = w.new_speaker()
        services.response_save(
            round=w.qround(),
            respondent=author,
            capacity_key=key,
            submit=True,
            confidentiality=CONFIDENTIALITIES[i % 4],
            answers={q.pk: f"Reply {i} to {q.label}" for q in questions},
        )


def grow_preferences(w, n):
    kinds = ["decision", "reply", "cosign_request", "new_version", "round_opening", "round_closing"]
    done = w.total("preferences", n)
    preferences_set(user=w.delegate, enabled=set(kinds[min(done, len(kinds)) // 2 :]))


# People and accreditation


def grow_organizations(w, n):
    for _ in range(n):
        w.organization()


def grow_pending_requests(w, n):
    """Requests waiting: for verified organizations, for proposed (unverified) ones, as experts."""
    for i in range(n):
        user = UserFactory()
        if i % 3 == 0:
            people.membership_request(user=user, role=MembershipRole.EXPERT, note="Expert")
        elif i % 3 == 1:
            people.membership_request(
                user=user,
                role=MembershipRole.MEMBER,
                new_organization={"name": f"Proposed {w.n()}", "kind": OrganizationKind.NGO},
                note="New",
            )
        else:
            people.membership_request(
                user=user, role=MembershipRole.DELEGATE, organization=w.organization(), note="Letter follows"
            )


def grow_members(w, n):
    statuses = [MembershipStatus.APPROVED, MembershipStatus.PENDING, MembershipStatus.REVOKED, MembershipStatus.REFUSED]
    for i in range(n):
        MembershipFactory(
            organization=w.ngo, role=[MembershipRole.MEMBER, MembershipRole.FOCAL_POINT][i % 2], status=statuses[i % 4]
        )


def grow_invitations(w, n):
    """Invitations sent by the secretariat, to organizations and experts; some accepted."""
    for i in range(n):
        email = f"invited{w.n()}@example.org"
        as_expert = i % 3 == 0
        _invitation, token = people.invitation_create(
            by=w.secretariat,
            email=email,
            role=MembershipRole.EXPERT if as_expert else MembershipRole.MEMBER,
            organization=None if as_expert else w.organization(),
        )
        w.cache.setdefault("token", token)  # the first link, never accepted
        if i % 2:
            people.invitation_accept(token=token, user=UserFactory(email=email))


def grow_audit(w, n):
    grow_pending_requests(w, n)
    grow_invitations(w, n // 2)
    for membership in Membership.objects.pending().exclude(organization__verified=False)[: n // 2]:
        people.membership_decide(membership=membership, by=w.secretariat, approve=True)


# Texts


def text_version(w, by, size, *, publish=True, slug=None):
    """A new instrument whose version 1 has an article, a heading and `size` paragraphs with
    sub-paragraphs, footnotes and some translations."""
    slug = slug or f"text-{w.n()}"
    instrument = text_services.instrument_create(by=by, slug=slug, title=f"Declaration {slug}")
    made = text_services.version_create(instrument=instrument, by=by, label="Preliminary text", original_language="en")
    add_provisions(made, by, size)
    if publish:
        text_services.version_publish(version=made, by=by)
    return made


def add_provisions(target, by, count):
    article = text_services.provision_create(
        version=target,
        by=by,
        kind=ProvisionKind.ARTICLE,
        label=f"Article {target.provisions.count() + 1}",
        texts={"en": "Right to international solidarity", "ar": "الحق في التضامن الدولي"},
    )
    if count % 3 == 0 or count > 5:
        text_services.provision_create(
            version=target,
            by=by,
            kind=ProvisionKind.HEADING,
            label=f"H{target.provisions.count()}",
            headings={"en": "Chapter"},
        )
    for n in range(1, count + 1):
        paragraph = text_services.provision_create(
            version=target,
            by=by,
            kind=ProvisionKind.PARAGRAPH,
            label=str(n),
            parent=article,
            texts={
                "en": f"Paragraph {n} on international solidarity.",
                **({"fr": f"Paragraphe {n} sur la solidarité."} if n % 2 else {}),
            },
            footnotes={"en": [f"Note {n}."]},
        )
        if n % 3 == 0:
            text_services.provision_create(
                version=target,
                by=by,
                kind=ProvisionKind.SUBPARAGRAPH,
                label="(a)",
                parent=paragraph,
                texts={"en": f"Point {n} (a)."},
            )


def grow_text(w, n):
    """A published text of 2, then 10 paragraphs (the page's address follows it)."""
    w.text = text_version(w, w.drafter, w.total("text", n))


def grow_editing_text(w, n):
    draft = w.once("editing", lambda: text_version(w, w.drafter, 0, publish=False, slug="in-editing"))
    add_provisions(draft, w.drafter, n)


def grow_pair(w, n):
    """Two published versions of a new text of 2, then 10 paragraphs: version 2 changes,
    relabels, removes, adds and moves provisions."""
    old = text_version(w, w.drafter, w.total("pair", n))
    new = text_services.version_copy(version=old, by=w.drafter, label="Revised")
    paragraphs = list(new.provisions.filter(kind=ProvisionKind.PARAGRAPH).order_by("position"))
    for i, provision in enumerate(paragraphs):
        if i % 2 == 0:
            text_services.provision_update(
                provision=provision,
                by=w.drafter,
                base_revision=provision.revision,
                text_en=f"Reworded paragraph {i} on solidarity.",
            )
        elif i % 5 == 1:
            text_services.provision_update(
                provision=provision, by=w.drafter, base_revision=provision.revision, label=f"{provision.label}bis"
            )
    removable = new.provisions.filter(kind=ProvisionKind.SUBPARAGRAPH).first()
    if removable is not None:
        text_services.provision_delete(provision=removable, by=w.drafter)
    for i in range(max(1, len(paragraphs) // 3)):
        text_services.provision_create(
            version=new,
            by=w.drafter,
            kind=ProvisionKind.OPERATIVE,
            label=f"New {i}",
            texts={"en": f"A new paragraph {i}."},
        )
    if len(paragraphs) > 1:
        text_services.provision_move(provision=paragraphs[-1], by=w.drafter, position=paragraphs[0].position)
    text_services.version_publish(version=new, by=w.drafter)
    w.pair = new.instrument


def grow_history(w, n):
    """A provision edited 2, then 10 times by three editors in every field, in a text then published."""
    draft = text_version(w, w.drafter, 1, publish=False)
    paragraph = draft.provisions.get(kind=ProvisionKind.PARAGRAPH)
    editors = [w.drafter, w.secretariat, w.once("second_drafter", lambda: give_totp(staff_user(roles.DRAFTERS)))]
    for i in range(w.total("history", n)):
        paragraph.refresh_from_db()
        changes = (
            {"text_en": f"Wording {i}.", "text_fr": f"Libellé {i}."}
            if i % 3
            else {"label": f"{i}", "heading_en": f"Heading {i}"}
        )
        text_services.provision_update(
            provision=paragraph, by=editors[i % 3], base_revision=paragraph.revision, reason=f"Edit {i}", **changes
        )
    text_services.version_publish(version=draft, by=w.drafter)
    w.history = paragraph


def staff_user(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def quick_version(instrument, status=VersionStatus.PUBLISHED, size=2):
    """A version made with the factories (faster than the services, for pages that list versions)."""
    number = (instrument.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    made = VersionFactory(instrument=instrument, number=number, label_en=f"Version {number}", symbol=f"A/HRC/{number}")
    for k in range(size):
        ProvisionFactory(
            version=made,
            text_fr=f"Paragraphe {k}." if (number + k) % 2 else "",
            text_ar="فقرة" if number % 3 == 0 else "",
        )
    Version.objects.filter(pk=made.pk).update(status=status)  # provisions are written before it is frozen
    made.status = status
    return made


def grow_versions(w, n):
    """More versions of the declaration: superseded ones, and every fourth in editing."""
    for i in range(n):
        quick_version(w.instrument, VersionStatus.EDITING if i % 4 == 3 else VersionStatus.SUPERSEDED)


def grow_instruments(w, n):
    """New texts, each with a published version and, for some, a version in editing."""
    for i in range(n):
        instrument = InstrumentFactory(slug=f"text-{w.n()}")
        quick_version(instrument)
        if i % 2:
            quick_version(instrument, VersionStatus.EDITING)


def grow_import_draft(w, n):
    """The secretariat's parsed upload of 2, then 10 paragraphs, waiting for corrections."""
    size = w.total("import", n)
    text = "Article 1\n\nEveryone has the right.\n\n" + "".join(
        f"{k}. Paragraph {k} on solidarity.\n\n" for k in range(1, size + 1)
    )
    w.import_draft = text_services.import_draft_create(
        instrument=w.instrument,
        by=w.secretariat,
        data=text.encode(),
        filename="draft.txt",
        language="en",
        label="Imported",
    )


# Rounds and phases


def grow_rounds(w, n):
    """Rounds in every state, on versions of several texts and on questionnaires."""
    for i in range(n):
        state = ["open", "open", "closed", "upcoming"][i % 4]
        if i % 3 == 2:
            make_round(questionnaire=w.questionnaire, state=state, title_en=f"Questionnaire round {w.n()}")
        else:
            version = w.version if i % 3 == 0 else quick_version(InstrumentFactory(slug=f"text-{w.n()}"))
            make_round(version, state=state, title_en=f"Round {w.n()}")


def grow_phases(w, n):
    """Phases of the declaration's plan, each with activities, their documents, and rounds."""
    for i in range(n):
        phase = Phase.objects.create(
            instrument=w.instrument, number=w.n(), name_en=f"Phase {i}", description_en="What happens."
        )
        for k in range(2):
            activity = Activity.objects.create(
                phase=phase,
                kind=list(ActivityKind.values)[(i + k) % len(ActivityKind.values)],
                title_en=f"Activity {i}.{k}",
                starts_on=timezone.now().date(),
            )
            for d in range(2):
                ActivityDocument.objects.create(
                    activity=activity,
                    title_en=f"Document {i}.{k}.{d}",
                    symbol=f"A/HRC/{i}/{k}/{d}",
                    url="https://example.org/doc",
                )
        make_round(w.version, phase=phase, state=["open", "closed", "upcoming"][i % 3], title_en=f"Round of phase {i}")


def together(*makers):
    def grow(w, n):
        for make in makers:
            make(w, n)

    return grow


# --- The pages ----------------------------------------------------------------------------------

ANONYMOUS = ("anonymous",)
SECRETARIAT = ("secretariat",)
STAFF = ("secretariat", "drafter")
PUBLIC_AND_SECRETARIAT = ("anonymous", "secretariat")
PUBLIC_AND_STAFF = ("anonymous", "secretariat", "drafter")


@dataclass
class Page:
    name: str
    url: Callable  # (world, viewer) -> address, read after each growth
    viewers: tuple
    grow: Callable  # (world, n): add n more of what the page lists
    status: int = 200
    lists: bool = True  # the large dataset makes a larger body (a check that the growth shows)
    headers: dict = field(default_factory=dict)


def audience(viewer):
    """The secretariat exports everything; anyone else the public export."""
    return "?audience=secretariat" if viewer == "secretariat" else ""


PAGES = [
    # portal/urls.py
    Page("healthz", lambda w, v: "/healthz", ANONYMOUS, grow_organizations, lists=False),
    Page("home", lambda w, v: "/en/", PUBLIC_AND_SECRETARIAT, together(grow_rounds, grow_instruments)),
    Page("profile", lambda w, v: "/en/me/", ("delegate",), grow_own_memberships),
    Page("personal data (JSON)", lambda w, v: "/en/me/data.json", ("delegate",), grow_own_requests),
    Page("close account form", lambda w, v: "/en/me/close/", ("delegate",), grow_own_memberships, lists=False),
    Page("membership request form", lambda w, v: "/en/accreditation/request/", ("delegate",), grow_organizations),
    Page("accreditation requests", lambda w, v: "/en/accreditation/requests/", SECRETARIAT, grow_pending_requests),
    Page(
        "organization members",
        lambda w, v: f"/en/accreditation/organizations/{w.ngo.pk}/members/",
        SECRETARIAT,
        grow_members,
    ),
    Page("invitations", lambda w, v: "/en/accreditation/invitations/", SECRETARIAT, grow_invitations),
    Page("audit log", lambda w, v: "/en/accreditation/audit/", SECRETARIAT, grow_audit),
    Page(
        "invitation acceptance",
        lambda w, v: f"/en/invitation/{w.cache['token']}/",
        ANONYMOUS,
        grow_invitations,
        lists=False,
    ),
    # drafts/urls.py
    Page("instrument list", lambda w, v: "/en/texts/", PUBLIC_AND_STAFF, grow_instruments),
    Page("instrument detail", lambda w, v: f"/en/texts/{w.instrument.slug}/", PUBLIC_AND_STAFF, grow_versions),
    Page("import form", lambda w, v: f"/en/texts/{w.instrument.slug}/import/", SECRETARIAT, grow_versions, lists=False),
    Page(
        "import preview",
        lambda w, v: f"/en/texts/{w.instrument.slug}/import/{w.import_draft.pk}/",
        SECRETARIAT,
        grow_import_draft,
    ),
    Page("compare page", lambda w, v: f"/en/texts/{w.pair.slug}/compare/?from=1&to=2", PUBLIC_AND_STAFF, grow_pair),
    Page(
        "compare fragment",
        lambda w, v: f"/en/texts/{w.pair.slug}/compare/fragment/?from=1&to=2&text=fr",
        PUBLIC_AND_SECRETARIAT,
        grow_pair,
        headers={"HTTP_HX_REQUEST": "true"},
    ),
    Page(
        "compare export (AKN)",
        lambda w, v: f"/en/texts/{w.pair.slug}/compare/export.xml?from=1&to=2",
        ANONYMOUS,
        grow_pair,
    ),
    Page("reading page", lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/", PUBLIC_AND_STAFF, grow_text),
    Page(
        "reading page side by side",
        lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/?text=ar&beside=fr",
        ANONYMOUS,
        grow_text,
    ),
    Page("reading page, version in editing", lambda w, v: "/en/texts/in-editing/v1/", STAFF, grow_editing_text),
    Page(
        "version export DOCX", lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/export.docx", ANONYMOUS, grow_text
    ),
    Page(
        "version export HTML",
        lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/export.html?text=fr",
        ANONYMOUS,
        grow_text,
    ),
    Page("version export AKN", lambda w, v: f"/en/texts/{w.text.instrument.slug}/v1/export.xml", ANONYMOUS, grow_text),
    Page(
        "provision edit form",
        lambda w, v: f"/en/texts/in-editing/v1/{w.cache['editing'].provisions.order_by('position')[1].key}/edit/",
        STAFF,
        grow_editing_text,
        lists=False,
    ),
    Page(
        "provision history",
        lambda w, v: f"/en/texts/{w.history.version.instrument.slug}/v1/{w.history.key}/history/",
        PUBLIC_AND_STAFF,
        grow_history,
    ),
    # consultations/urls.py
    Page("my contributions", lambda w, v: "/en/consultation/mine/", ("delegate",), grow_own_contributions),
    Page(
        "timeline", lambda w, v: f"/en/consultation/timeline/{w.instrument.slug}/", PUBLIC_AND_SECRETARIAT, grow_phases
    ),
    Page(
        "amendment trace",
        lambda w, v: f"/en/consultation/amendments/{w.instrument.slug}/v{w.draft_copy().number}/",
        ("drafter",),
        grow_amendments_to_trace,
    ),
    Page(
        "round page",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/",
        PUBLIC_AND_STAFF + ("delegate",),
        grow_comments,
    ),
    Page(
        "provision comments fragment",
        lambda w, v: f"/en/consultation/rounds/{w.later()[1].pk}/comments/{w.provisions[1].key}/",
        PUBLIC_AND_STAFF + ("delegate",),
        grow_provision_thread,
        headers={"HTTP_HX_REQUEST": "true"},
    ),
    Page(
        "provision comments page",
        lambda w, v: f"/en/consultation/rounds/{w.later()[1].pk}/comments/{w.provisions[1].key}/",
        PUBLIC_AND_SECRETARIAT,
        grow_provision_thread,
    ),
    Page(
        "general comments fragment",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/comments/general/",
        PUBLIC_AND_SECRETARIAT,
        grow_general_comments,
        headers={"HTTP_HX_REQUEST": "true"},
    ),
    Page(
        "comment permalink",
        lambda w, v: f"/en/consultation/comments/{permalink_target(w).pk}/",
        PUBLIC_AND_SECRETARIAT,
        grow_around_permalink,
        status=302,
        lists=False,
    ),
    Page(
        "comment edit form",
        lambda w, v: f"/en/consultation/comments/{permalink_target(w).pk}/edit/",
        ("delegate",),
        grow_around_permalink,
        lists=False,
    ),
    Page(
        "report form",
        lambda w, v: f"/en/consultation/comments/{permalink_target(w).pk}/report/",
        ("ngo_member",),
        grow_around_permalink,
        lists=False,
    ),
    Page(
        "submission form",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/submit/",
        ("delegate",),
        grow_own_memberships,
    ),
    Page(
        "questionnaire",
        lambda w, v: f"/en/consultation/rounds/{w.qround().pk}/questionnaire/",
        ("delegate",),
        grow_questions_and_answers,
    ),
    Page(
        "compiled replies",
        lambda w, v: f"/en/consultation/rounds/{w.qround().pk}/questionnaire/replies/",
        STAFF,
        grow_responses,
    ),
    Page(
        "submitted document",
        lambda w, v: f"/en/consultation/documents/{public_document(w).pk}/",
        ANONYMOUS,
        grow_submissions,
        lists=False,
    ),
    Page("moderation queue", lambda w, v: "/en/consultation/moderation/", SECRETARIAT, grow_moderation_queue),
    Page(
        "moderation queue, every state",
        lambda w, v: "/en/consultation/moderation/?state=any&flagged=",
        SECRETARIAT,
        grow_moderation_queue,
    ),
    Page("moderation figures", lambda w, v: "/en/consultation/moderation/metrics/", STAFF, grow_decisions),
    Page(
        "notification preferences",
        lambda w, v: "/en/consultation/notifications/",
        ("delegate",),
        grow_preferences,
        lists=False,
    ),
    Page(
        "search, texts",
        lambda w, v: "/en/consultation/search/?q=solidarity",
        PUBLIC_AND_SECRETARIAT,
        together(grow_text, grow_comments),
    ),
    Page(
        "search, comments",
        lambda w, v: "/en/consultation/search/?q=walrus&scope=comments",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
    ),
    Page("analytics", lambda w, v: "/en/consultation/analytics/", PUBLIC_AND_SECRETARIAT, grow_comments, lists=False),
    Page(
        "analytics of a round",
        lambda w, v: f"/en/consultation/analytics/?round={w.round.pk}",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
        lists=False,
    ),
    Page(
        "analytics of a text",
        lambda w, v: f"/en/consultation/analytics/?instrument={w.instrument.slug}&sort=contested",
        PUBLIC_AND_SECRETARIAT,
        together(grow_versions, grow_comments),
    ),
    # consultations/export_urls.py
    Page(
        "export page",
        lambda w, v: "/en/exports/",
        PUBLIC_AND_SECRETARIAT,
        together(grow_rounds, grow_versions, grow_instruments),
    ),
    *(
        Page(f"{scope} comments {fmt.upper()}", url, PUBLIC_AND_SECRETARIAT, grow_comments)
        for fmt in ("csv", "xlsx", "json")
        for scope, url in (
            ("round", lambda w, v, fmt=fmt: f"/en/exports/rounds/{w.round.pk}/comments.{fmt}{audience(v)}"),
            ("version", lambda w, v, fmt=fmt: f"/en/exports/texts/{w.instrument.slug}/v1/comments.{fmt}{audience(v)}"),
            ("instrument", lambda w, v, fmt=fmt: f"/en/exports/texts/{w.instrument.slug}/comments.{fmt}{audience(v)}"),
        )
    ),
    Page(
        "round comments XLSX, a sheet per provision",
        lambda w, v: f"/en/exports/rounds/{w.round.pk}/comments.xlsx?layout=by_provision&{audience(v)[1:]}",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
    ),
    Page(
        "compilation DOCX",
        lambda w, v: f"/en/exports/texts/{w.instrument.slug}/v1/compilation.docx{audience(v)}",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
    ),
    # consultations/api (mounted at /api/)
    Page("API instruments", lambda w, v: "/api/instruments", ANONYMOUS, together(grow_instruments, grow_versions)),
    Page("API instrument", lambda w, v: f"/api/instruments/{w.instrument.slug}", ANONYMOUS, grow_versions),
    Page("API versions", lambda w, v: f"/api/instruments/{w.instrument.slug}/versions", ANONYMOUS, grow_versions),
    Page(
        "API provisions",
        lambda w, v: f"/api/instruments/{w.text.instrument.slug}/versions/1/provisions",
        ANONYMOUS,
        grow_text,
    ),
    Page("API rounds", lambda w, v: "/api/rounds", ANONYMOUS, grow_rounds),
    Page("API round", lambda w, v: f"/api/rounds/{w.round.pk}", ANONYMOUS, grow_rounds, lists=False),
    Page("API comments", lambda w, v: "/api/comments?limit=500", ("anonymous", "delegate"), grow_comments),
    Page(
        "API comments of a provision",
        lambda w, v: f"/api/comments?provision={w.provisions[1].key}&limit=500",
        ANONYMOUS,
        grow_paragraph_comments,
    ),
    Page(
        "API participation",
        lambda w, v: f"/api/participation?instrument={w.instrument.slug}",
        ANONYMOUS,
        grow_comments,
        lists=False,
    ),
    Page(
        "API description (OpenAPI)",
        lambda w, v: "/api/openapi.json",
        ANONYMOUS,
        together(grow_instruments, grow_rounds),
        lists=False,
    ),
    Page(
        "API documentation page",
        lambda w, v: "/api/docs",
        ANONYMOUS,
        together(grow_instruments, grow_rounds),
        lists=False,
    ),
]

CASES = [pytest.param(page, viewer, id=f"{page.name} as {viewer}") for page in PAGES for viewer in page.viewers]


@pytest.fixture
def world(version, round, questionnaire, state_org, delegate, ngo, ngo_member, expert, drafter, secretariat):  # noqa: F811
    return World(
        {
            "version": version,
            "round": round,
            "questionnaire": questionnaire,
            "state_org": state_org,
            "delegate": delegate,
            "ngo": ngo,
            "ngo_member": ngo_member,
            "expert": expert,
            "drafter": drafter,
            "secretariat": secretariat,
        }
    )


def measure(client, page, world, viewer, *, warm_up):
    """(queries, body) of one GET of the page, with an empty cache (and after a first request
    that records the session, for the first count)."""
    url = page.url(world, viewer)

    def get():
        response = client.get(url, **page.headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    if warm_up:
        get()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response, body = get()
    assert response.status_code == page.status, f"{page.name} as {viewer}: {url} answered {response.status_code}"
    return len(queries), body


@pytest.mark.parametrize(("page", "viewer"), CASES)
def test_query_count_does_not_grow_with_the_data(client, world, page, viewer):
    if viewer != "anonymous":
        client.force_login(world.users[viewer])
    page.grow(world, SMALL)
    small, small_body = measure(client, page, world, viewer, warm_up=True)
    page.grow(world, MORE)
    large, large_body = measure(client, page, world, viewer, warm_up=False)
    print(f"\nQUERY COUNT | {page.name} | {viewer} | {small} | {large}")
    assert small == large, (
        f"{page.name} as {viewer}: {small} queries with the small dataset, {large} with {(SMALL + MORE) // SMALL}× as much data "
        f"({page.url(world, viewer)}): a query per row (N+1)"
    )
    if page.lists:
        assert len(large_body) > len(small_body), f"{page.name} as {viewer}: the added data does not show on the page"
