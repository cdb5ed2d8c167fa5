"""Demo consultation for `manage.py loaddemo`.

The phases, activities and the 2009 questionnaire are facts from the Independent Expert's
report (A/68/176, §13 and §18) as summarised in DOMAIN.md; the Arabic wording of the questions
comes from the imported report itself. Every comment and reply is made up for the demonstration
and says so: it starts with "(Demo)".
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from drafts import services as text_services
from drafts.models import Instrument, Version, VersionStatus
from portal.models import Organization, OrganizationKind, User

from . import services
from .models import (
    Activity,
    ActivityDocument,
    ActivityKind,
    Comment,
    CommentKind,
    Confidentiality,
    CoSignature,
    FlagKind,
    ModerationAction,
    ModerationReason,
    Phase,
    Position,
    Question,
    Questionnaire,
    Round,
)

DECLARATION = "draft-declaration"
QUESTIONS_EN = [
    "Recognition of international solidarity as a principle of international law, in particular human rights law.",
    "International solidarity as an approach to poverty alleviation.",
    "Third-generation (solidarity) rights: established or emerging, and which rights belong there.",
    "Whether the focus areas (international cooperation; global responses to natural disasters, diseases and agricultural pests; third-generation rights) cover today's issues.",
    "Global responses to natural disasters within international law.",
    "Strengthening international cooperation to reach the Millennium Development Goals.",
    "How the right to development narrows the gap between developed and developing countries through cooperation and solidarity.",
    "Whether States have obligations of international and/or global solidarity.",
]
PHASES = [
    (
        "Laying the foundation",
        "Building on the work already done: the predecessor's reports, the 2009 questionnaire and its compiled replies (A/HRC/15/32), the Advisory Committee's paper (A/HRC/21/66).",
    ),
    (
        "From a concept to a right",
        "Research and consultations on issues, principles and good practices with States, stakeholders, civil society and grassroots.",
    ),
    (
        "Consolidation and drafting",
        "Analysis of phases I and II; a preliminary text circulated for written comments before the draft is finalized; revised drafts; submission to the Human Rights Council.",
    ),
]


@transaction.atomic
def consultation_load(*, secretariat):
    if Instrument.objects.filter(slug=DECLARATION).exists():
        return
    declaration = text_services.instrument_create(
        by=secretariat,
        slug=DECLARATION,
        title="Draft declaration on the right of peoples and individuals to international solidarity",
    )
    declaration.title_fr = (
        "Projet de déclaration sur le droit des peuples et des individus à la solidarité internationale"
    )
    declaration.title_ar = "مشروع إعلان بشأن حق الشعوب والأفراد في التضامن الدولي"
    declaration.save(update_fields=["title_fr", "title_ar"])
    phases = [
        Phase.objects.create(instrument=declaration, number=number, name_en=name, description_en=description)
        for number, (name, description) in enumerate(PHASES, start=1)
    ]
    _activities(phases)
    questionnaire = _questionnaire(declaration)
    now = timezone.now()
    questionnaire_round = Round.objects.create(
        phase=phases[0],
        questionnaire=questionnaire,
        title_en="The 2009 questionnaire, reopened for the demonstration",
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=30),
        audience_kinds=list(OrganizationKind.values),
        audience_experts=True,
    )
    comment_round = _comment_round(phases[2], now)
    _comments(comment_round)
    _replies(questionnaire_round)


def _activities(phases):
    first, second, third = phases
    questionnaire = Activity.objects.create(
        phase=first,
        kind=ActivityKind.QUESTIONNAIRE,
        title_en="Questionnaire on human rights and international solidarity",
        starts_on=date(2009, 1, 1),
    )
    ActivityDocument.objects.create(activity=questionnaire, title_en="Compilation of the replies", symbol="A/HRC/15/32")
    paper = Activity.objects.create(
        phase=first,
        kind=ActivityKind.PRELIMINARY_TEXT,
        title_en="Advisory Committee's paper on the draft declaration",
        starts_on=date(2012, 8, 1),
    )
    ActivityDocument.objects.create(
        activity=paper, title_en="Final paper of the Advisory Committee", symbol="A/HRC/21/66"
    )
    Activity.objects.create(
        phase=second,
        kind=ActivityKind.DELEGATIONS,
        title_en="Consultations with delegations",
        starts_on=date(2012, 1, 1),
        description_en="European Union, Ethiopia, Iran, Brazil, Bangladesh, Timor-Leste, Venezuela, Cyprus, Cuba, United States, Japan, Holy See.",
    )
    workshop = Activity.objects.create(
        phase=second,
        kind=ActivityKind.WORKSHOP,
        title_en="Expert workshop on human rights and international solidarity",
        starts_on=date(2012, 6, 7),
        ends_on=date(2012, 6, 8),
        description_en="Geneva: 26 experts from all regions; governments, UN agencies and NGOs as observers.",
    )
    ActivityDocument.objects.create(activity=workshop, title_en="Summary of the workshop", symbol="A/HRC/21/44/Add.1")
    Activity.objects.create(
        phase=second, kind=ActivityKind.COUNTRY_VISIT, title_en="Country visit to Brazil", country="BR"
    )
    Activity.objects.create(phase=second, kind=ActivityKind.ONLINE, title_en="Online discussions with civil society")
    Activity.objects.create(phase=second, kind=ActivityKind.REGIONAL, title_en="Regional consultations")
    Activity.objects.create(
        phase=third,
        kind=ActivityKind.PRELIMINARY_TEXT,
        title_en="Circulation of a preliminary text for written comments",
        description_en="To Member States, the Advisory Committee, NGOs, special procedures mandate holders, academics and others.",
    )


def _questionnaire(declaration):
    questionnaire = Questionnaire.objects.create(
        instrument=declaration,
        title_en="2009 questionnaire on human rights and international solidarity",
        introduction_en="Original wording in Arabic in A/68/176, paragraph 18; the English lines are a summary.",
    )
    report = Version.objects.filter(instrument__slug="ie-report-2013").first()
    arabic = []
    if report:
        paragraph = report.provisions.filter(kind="paragraph", label="18").first()
        arabic = (
            [p.text_ar for p in report.provisions.filter(parent=paragraph).order_by("position")] if paragraph else []
        )
    for position, english in enumerate(QUESTIONS_EN):
        Question.objects.create(
            questionnaire=questionnaire,
            position=position + 1,
            label=f"({'abcdefgh'[position]})",
            text_en=english,
            text_ar=arabic[position] if position < len(arabic) else "",
        )
    return questionnaire


def _comment_round(phase, now):
    version = Version.objects.filter(
        instrument__slug="hrc53-international-cooperation", status=VersionStatus.PUBLISHED
    ).first()
    return Round.objects.create(
        phase=phase,
        version=version,
        title_en="Demonstration round: comments on the draft resolution on international cooperation",
        title_fr="Consultation de démonstration : commentaires sur le projet de résolution relatif à la coopération internationale",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=30),
        audience_kinds=list(OrganizationKind.values),
        audience_experts=True,
        premoderated_kinds=[OrganizationKind.NGO],
    )


def _person(email):
    return User.objects.get(email=email)


def _state(code):
    return str(Organization.objects.states().get(country=code).pk)


def _comments(round):
    provisions = {p.label: p for p in round.version.provisions.all()}
    brazil = _person("delegate.brazil@example.org")
    services.comment_create(
        round=round,
        author=brazil,
        capacity_key=_state("BR"),
        provision=provisions["1"],
        position=Position.SUPPORT,
        language="en",
        text="(Demo) Brazil supports this paragraph as drafted.",
    )
    ethiopia = _person("delegate.ethiopia@example.org")
    operative = provisions["3"]
    services.comment_create(
        round=round,
        author=ethiopia,
        capacity_key=_state("ET"),
        provision=operative,
        kind=CommentKind.AMENDMENT,
        position=Position.NEUTRAL,
        language="fr",
        text="(Demo) Proposition de rédaction pour préciser le paragraphe.",
        proposed_text=operative.text_fr.replace("Réaffirme", "Réaffirme avec force", 1)
        if "Réaffirme" in operative.text_fr
        else operative.text_fr + " (demo)",
    )
    cyprus = _person("delegate.cyprus@example.org")
    eu = Organization.objects.get(acronym="EU")
    joint = services.comment_create(
        round=round,
        author=cyprus,
        capacity_key=str(eu.pk),
        provision=provisions["2"],
        position=Position.OPPOSE,
        language="en",
        text="(Demo) We would prefer a shorter paragraph.",
        on_behalf_note="on behalf of its member States",
        cosigner_ids=[_state("CY")],
    )
    services.cosignature_decide(cosignature=CoSignature.objects.get(comment=joint), by=cyprus, confirm=True)
    services.comment_create(
        round=round,
        author=_person("ngo@example.org"),
        capacity_key=str(Organization.objects.get(acronym="DSN").pk),
        provision=provisions["1"],
        position=Position.OPPOSE,
        language="es",
        text="(Demo) Este párrafo debería mencionar a la sociedad civil.",
    )
    services.comment_create(
        round=round,
        author=_person("nhri@example.org"),
        capacity_key=str(Organization.objects.get(acronym="DNHRC").pk),
        provision=None,
        position=Position.NEUTRAL,
        language="ar",
        text="(Demo) تعليق عام على النص.",
        confidentiality=Confidentiality.ANONYMOUS,
    )
    services.comment_create(
        round=round,
        author=_person("expert@example.org"),
        capacity_key="personal",
        provision=provisions["2"],
        kind=CommentKind.QUESTION,
        language="en",
        text="(Demo) How does this paragraph relate to the right to development?",
    )
    _moderation(round, provisions)


def _moderation(round, provisions):
    """A rejected item and a reported one, so that the queue and the log show something real."""
    ngo = _person("ngo@example.org")
    off_topic = services.comment_create(
        round=round,
        author=ngo,
        capacity_key=str(Organization.objects.get(acronym="DSN").pk),
        provision=provisions["4"],
        language="en",
        text="(Demo) A message about another subject altogether.",
    )
    secretariat = _person("secretariat@example.org")
    services.moderation_decide(
        item=off_topic,
        by=secretariat,
        action=ModerationAction.REJECT,
        expected_state=off_topic.state,
        reason_id=ModerationReason.objects.get(label_en="Off-topic").pk,
    )
    reported = Comment.objects.filter(round=round, organization__country="BR").first()
    services.comment_flag(
        comment=reported,
        by=_person("expert@example.org"),
        reason="(Demo) This does not look like Brazil's position.",
        kind=FlagKind.FALSE_ATTRIBUTION,
    )


def _replies(round):
    questions = list(round.questionnaire.questions.all())
    services.response_save(
        round=round,
        respondent=_person("delegate.brazil@example.org"),
        capacity_key=_state("BR"),
        submit=True,
        answers={
            questions[0].pk: "(Demo) A short demonstration answer.",
            questions[7].pk: "(Demo) Another demonstration answer.",
        },
    )
    services.response_save(
        round=round,
        respondent=_person("expert@example.org"),
        capacity_key="personal",
        submit=True,
        answers={questions[2].pk: "(Demo) A demonstration answer in a personal capacity."},
    )
    services.response_save(
        round=round,
        respondent=_person("ngo@example.org"),
        capacity_key=str(Organization.objects.get(acronym="DSN").pk),
        answers={questions[1].pk: "(Demo) A draft answer, not yet submitted."},
    )
