"""The consultation fixtures every part of the suite shares (a published version, an open round,
a questionnaire, organizations and their people), registered once as a plugin in
tests/conftest.py; and `make_round`, to open a round in any state."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations import services
from consultations.models import Question, Questionnaire, Round
from drafts import services as text_services
from portal.models import MembershipRole, OrganizationKind
from tests.factories import MembershipFactory, OrganizationFactory


def article_with_two_paragraphs(version, by, *, article, first, second):
    """Article 1 of `version` with its paragraphs 1 and 2, each given as {language: text}: the
    shape of the texts the consultation tests comment on. Returns the three provisions."""
    heading = text_services.provision_create(version=version, by=by, kind="article", label="Article 1", texts=article)
    paragraphs = [
        text_services.provision_create(
            version=version, by=by, kind="paragraph", label=label, parent=heading, texts=texts
        )
        for label, texts in (("1", first), ("2", second))
    ]
    return heading, *paragraphs


@pytest.fixture
def version(drafter):
    instrument = text_services.instrument_create(by=drafter, slug="declaration", title="Draft declaration")
    version = text_services.version_create(
        instrument=instrument, by=drafter, label="Preliminary text", original_language="en"
    )
    article_with_two_paragraphs(
        version,
        drafter,
        article={"en": "Right to international solidarity", "fr": "Droit à la solidarité internationale"},
        first={
            "en": "Everyone has the right to international solidarity.",
            "fr": "Toute personne a droit à la solidarité internationale.",
        },
        second={"en": "States shall cooperate."},
    )
    return text_services.version_publish(version=version, by=drafter, untranslated_ok=True)


def make_round(version=None, questionnaire=None, state="open", **fields):
    now = timezone.now()
    opens, closes = {
        "upcoming": (now + timedelta(days=1), now + timedelta(days=10)),
        "open": (now - timedelta(days=1), now + timedelta(days=10)),
        "closed": (now - timedelta(days=10), now - timedelta(days=1)),
    }[state]
    values = {
        "title_en": "Round",
        "opens_at": opens,
        "closes_at": closes,
        "audience_kinds": list(OrganizationKind.values),
        "audience_experts": True,
    }
    values.update(fields)
    return Round.objects.create(version=version, questionnaire=questionnaire, **values)


def post_comment(round, author, organization, text="A comment.", **fields):
    """`author` comments on `round` for `organization` (None: in their personal capacity), in
    English unless `language=` says otherwise; any other field of comment_create may be given."""
    fields.setdefault("language", "en")
    capacity_key = str(organization.pk) if organization else "personal"
    return services.comment_create(round=round, author=author, capacity_key=capacity_key, text=text, **fields)


def post_submission(round, author, organization, summary, files, **fields):
    """`author` sends written views and `files` to `round` for `organization`, in English unless
    `language=` says otherwise; any other field of submission_create may be given."""
    fields.setdefault("language", "en")
    return services.submission_create(
        round=round, author=author, capacity_key=str(organization.pk), summary=summary, files=files, **fields
    )


def answer_questionnaire(round, respondent, organization, answers, **fields):
    """`respondent` saves `answers` ({question pk: text}) to `round`'s questionnaire for
    `organization`; `submit=True` sends them."""
    return services.response_save(
        round=round, respondent=respondent, capacity_key=str(organization.pk), answers=answers, **fields
    )


@pytest.fixture
def round(version):
    return make_round(version)


@pytest.fixture
def questionnaire(version):
    questionnaire = Questionnaire.objects.create(instrument=version.instrument, title_en="Questionnaire")
    for position in range(1, 4):
        Question.objects.create(
            questionnaire=questionnaire,
            position=position,
            label=f"({'abc'[position - 1]})",
            text_en=f"Question {position}?",
        )
    return questionnaire


@pytest.fixture
def state_org(db):
    return OrganizationFactory(
        name_en="Brazil", kind=OrganizationKind.MEMBER_STATE, country="BR", regional_group="grulac"
    )


@pytest.fixture
def delegate(state_org):
    return MembershipFactory(organization=state_org, role=MembershipRole.DELEGATE).user


@pytest.fixture
def ngo(db):
    return OrganizationFactory(
        name_en="Solidarity NGO", kind=OrganizationKind.NGO, country="KE", regional_group="african"
    )


@pytest.fixture
def ngo_member(ngo):
    return MembershipFactory(organization=ngo, role=MembershipRole.MEMBER).user


@pytest.fixture
def expert(db):
    return MembershipFactory(organization=None, role=MembershipRole.EXPERT).user
