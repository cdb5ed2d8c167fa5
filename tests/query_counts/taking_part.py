"""Growers of taking part: comments and threads, amendments, moderation, submissions,
questionnaires, notification choices, rounds and phases."""

from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations import services
from consultations.capacities import PERSONAL
from consultations.models import (
    MAX_REPLY_DEPTH,
    Activity,
    ActivityDocument,
    ActivityKind,
    Campaign,
    Comment,
    CommentKind,
    Confidentiality,
    CoSignature,
    CoSignatureStatus,
    Flag,
    FlagKind,
    ModerationAction,
    ModerationReason,
    ModerationState,
    Phase,
    Question,
    Submission,
)
from drafts.models import VersionStatus
from portal import roles
from portal.models import MembershipRole
from tests.conftest import give_totp
from tests.consultations.fixtures import answer_questionnaire, make_round, post_comment, post_submission
from tests.factories import InstrumentFactory, MembershipFactory

from .world import (
    CONFIDENTIALITIES,
    LANGUAGES,
    PDF,
    POSITIONS,
    PREMODERATED,
    forget_memberships,
    quick_version,
    staff_user,
)


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
        depth = MAX_REPLY_DEPTH if i == 0 and first_batch else 1 if i % 2 == 0 else 0
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
        top = post_comment(w.round, w.delegate, w.state_org, "Top", provision=w.provisions[1])
        reply = services.comment_create(
            round=w.round, author=w.expert, capacity_key=PERSONAL, parent=top, text="Reply", language="en"
        )
        return post_comment(w.round, w.delegate, w.state_org, "Reply to the reply", parent=reply)

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
            services.moderation_claim(item=comment, by=[w.secretariat, w.moderator()][i % 2])
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
        action = [
            ModerationAction.PUBLISH,
            ModerationAction.REJECT,
            ModerationAction.SPAM if isinstance(item, Comment) else ModerationAction.REJECT,
        ][i % 3]
        services.moderation_decide(
            item=item,
            by=moderators[i % len(moderators)],
            action=action,
            expected_state=ModerationState.PENDING,
            reason_id=reasons[i % len(reasons)].pk if action != ModerationAction.PUBLISH else None,
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
        submission = post_submission(
            w.round, w.delegate, w.state_org, "Our views", [SimpleUploadedFile("views.pdf", PDF)]
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


def grow_questions_and_answers(w, n):
    """More questions in the questionnaire, answered in a draft by the delegate's State and
    by other organizations."""
    start = w.questionnaire.questions.count()
    for position in range(start + 1, start + n + 1):
        Question.objects.create(
            questionnaire=w.questionnaire, position=position, label=f"({position})", text_en=f"Question {position}?"
        )
    answers = {q.pk: f"Our answer to {q.label}" for q in w.questionnaire.questions.all()}
    answer_questionnaire(w.qround(), w.delegate, w.state_org, answers)
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
    services.notification_preferences_set(user=w.delegate, enabled=set(kinds[min(done, len(kinds)) // 2 :]))


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


def grow_handled_amendments(w, n):
    """Amendments on version 1, decided (with notes) and incorporated in the published version 2."""
    later = w.later()[0]
    made = add_comments(w, n, provisions=w.provisions[1:])
    for i, amendment in enumerate(comment for comment in made if comment.kind == CommentKind.AMENDMENT):
        services.amendment_decide(comment=amendment, by=w.drafter, outcome="accepted", note=f"Note {w.n()}")
        if i % 2 == 0:
            provision = later.provisions.get(key=amendment.provision.key)
            ids = list(Comment.objects.filter(incorporations__provision=provision).values_list("pk", flat=True))
            services.amendments_trace(
                version=later, amendment_ids_by_provision={provision.pk: [*ids, amendment.pk]}, by=w.drafter
            )


def grow_console(w, n):
    """What the console counts and lists: the moderation queue's items, rounds closing within
    48 hours, and rounds left open on superseded versions of other texts."""
    grow_moderation_queue(w, n)
    for _ in range(n):
        make_round(w.version, title_en=f"Closing {w.n()}", closes_at=timezone.now() + timedelta(hours=20))
        instrument = InstrumentFactory(slug=f"text-{w.n()}")
        make_round(quick_version(instrument, VersionStatus.SUPERSEDED), title_en=f"Left open {w.n()}")
        quick_version(instrument)


def grow_round_choices(w, n):
    """What the rounds form offers: versions of more texts, phases and questionnaires."""
    for _ in range(n):
        quick_version(InstrumentFactory(slug=f"text-{w.n()}"))
    grow_phases(w, n)


def udhr_paragraphs():
    """Long paragraphs of the Universal Declaration of Human Rights, as published (tests/drafts/corpus)."""
    corpus = Path(__file__).resolve().parent.parent / "drafts" / "corpus" / "udhr.en.txt"
    return [line for line in corpus.read_text(encoding="utf-8").splitlines() if len(line) > 80]


def grow_campaigns(w, n):
    """n more comments sending the same text (one campaign that grows), and n // 2 new
    campaigns of two comments each, from new pre-moderated speakers."""
    texts = udhr_paragraphs()
    speakers = premoderated_speakers(w, n + 2 * (n // 2))
    sent = [(texts[0], speaker) for speaker in speakers[:n]]
    for k in range(n // 2):
        text = texts[1 + w.n() % (len(texts) - 1)]
        sent += [(text, speaker) for speaker in speakers[n + 2 * k : n + 2 * k + 2]]
    for text, (author, key, _organization) in sent:
        services.comment_create(round=w.round, author=author, capacity_key=key, text=text, language="en")


def first_campaign(w):
    return Campaign.objects.order_by("pk").first()
