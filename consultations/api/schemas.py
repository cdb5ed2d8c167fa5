"""What the API answers with, and the query parameters it accepts (validated before any read)."""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, create_model

from consultations.models import AmendmentOutcome, CommentKind, Position, RoundState
from drafts.models import AdoptingBody, AdoptionMethod, ProvisionKind, StateRole, VersionStatus
from portal.models import OrganizationKind, RegionalGroup

Language = Literal[tuple(settings.LANGUAGE_CODES)]

MAX_PAGE_SIZE = 500
# An id or number the database can hold: larger values are refused (400), not a crash.
DatabaseId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _not_a_timestamp(value):
    """pydantic reads a bare number as seconds since 1970; the API promises ISO 8601 only."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\s*[-+]?[\d.eE+-]+\s*", value)):
        raise ValueError("an ISO 8601 date and time with a time zone is expected, such as 2026-05-01T00:00:00Z")
    return value


def _in_utc(value):
    """Sent to the database in UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the date and time is out of range once converted to UTC") from None


IsoDatetime = Annotated[AwareDatetime, BeforeValidator(_not_a_timestamp), AfterValidator(_in_utc)]
# Slugs and provision keys are ASCII words: anything else (a NUL byte, which PostgreSQL cannot
# even compare) is refused (400) before the lookup.
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]
ProvisionKey = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=40)]


def _per_language(name, value_type, doc):
    """A model with one required field per UN language, named by its code ("zh-hans" included)."""
    return create_model(name, __base__=Schema, __doc__=doc, **dict.fromkeys(settings.LANGUAGE_CODES, (value_type, ...)))


TranslatedText = _per_language(
    "TranslatedText",
    str | None,
    "One value per UN language; null where there is none (a missing translation is never filled from another language).",
)
TranslatedFootnotes = _per_language(
    "TranslatedFootnotes",
    list[str] | None,
    "Footnotes per UN language; null where the original language has footnotes that are not yet translated.",
)


StateRoleKind = StateRole.Role


class ErrorOut(Schema):
    detail: str


# --- Texts ------------------------------------------------------------------------------------


class InstrumentOut(Schema):
    slug: str
    title: TranslatedText
    description: TranslatedText
    versions: list[int] = Field(description="Numbers of the public (published or superseded) versions.")


class TranslationFigures(Schema):
    translated: int = Field(description="Provisions with text in this language.")
    total: int = Field(description="Provisions with text in the original language.")


TranslationStatus = _per_language("TranslationStatus", TranslationFigures, "How far each language is translated.")


class VersionOut(Schema):
    number: int
    label: TranslatedText
    title: TranslatedText
    symbol: str
    original_language: Language
    status: VersionStatus
    date: date | None
    published_at: datetime | None
    translation_status: TranslationStatus


class ProvisionOut(Schema):
    key: str = Field(description="Stable key: the same for the same paragraph in every version.")
    label: str
    kind: ProvisionKind
    parent_key: str | None
    position: int
    heading: TranslatedText
    text: TranslatedText
    footnotes: TranslatedFootnotes


class StateRoleOut(Schema):
    state: TranslatedText = Field(description="The State's UN name in the six languages.")
    country: str = Field(description="ISO 3166 code.")
    regional_group: RegionalGroup | None
    role: StateRoleKind = Field(description="Its vote, or main sponsor / co-sponsor.")
    printed_as: str = Field(description="The name as the adoption block printed it.")


class ExplanationOut(Schema):
    address: str = Field(description="Where the explanation of vote is published (https).")
    state: TranslatedText | None = Field(description="The State that explained its vote, in the six languages.")
    country: str | None = Field(description="Its ISO 3166 code.")
    label: str


class AdoptionOut(Schema):
    version: int
    body: AdoptingBody
    session: int | None
    meeting: str
    date: date
    symbol: str
    method: AdoptionMethod
    in_favour: int | None
    against: int | None
    abstaining: int | None
    absent: int | None = Field(description="States listed as absent or non-voting (None: the record lists none).")
    explanations: list[ExplanationOut] = Field(description="Explanations of vote.")
    states: list[StateRoleOut]


# --- Consultations ----------------------------------------------------------------------------


class AudiencesOut(Schema):
    organization_kinds: list[OrganizationKind]
    experts: bool = Field(description="Independent experts in their personal capacity are invited.")


class ModesOut(Schema):
    paragraph_comments: bool
    amendments: bool
    general_comments: bool
    submissions: bool


class RoundOut(Schema):
    id: int
    title: TranslatedText
    description: TranslatedText
    opens_at: datetime
    closes_at: datetime
    state: RoundState
    audiences: AudiencesOut
    modes: ModesOut
    instrument: str = Field(description="Slug of the instrument.")
    version: int | None = Field(description="Number of the version under consultation.")
    questionnaire: int | None = Field(description="Id of the questionnaire under consultation.")


class OrganizationOut(Schema):
    name: TranslatedText
    acronym: str
    country: str | None = Field(description="ISO 3166 code.")
    kind: OrganizationKind
    regional_group: RegionalGroup | None


class CommentOut(Schema):
    id: int
    round: int
    instrument: str
    version: int
    provision: str | None = Field(description="Key of the provision; null for a general comment on the version.")
    provision_label: str | None
    parent: int | None = Field(description="Id of the comment this one replies to.")
    kind: CommentKind
    position: Position
    language: Language
    text: str
    proposed_text: str
    anonymous: bool = Field(
        description="Published without naming who speaks: only the kind of organization and its regional group are given."
    )
    organization: OrganizationOut | None = Field(description="Null for anonymous comments and for independent experts.")
    organization_kind: OrganizationKind | None = Field(description="Null for independent experts.")
    regional_group: RegionalGroup | None
    expert_name: str | None = Field(
        description="An independent expert speaking in their personal capacity, unless anonymous."
    )
    on_behalf_of: str | None
    cosigners: list[OrganizationOut] = Field(
        description="Organizations that confirmed they join this comment (none shown when anonymous)."
    )
    outcome: AmendmentOutcome | None = Field(description="The drafter's decision on an amendment.")
    outcome_note: str
    created_at: datetime
    edited: bool
    withdrawn: bool
    campaign: int | None = Field(
        description="The campaign this comment belongs to: comments with the same or nearly the same text."
    )
    campaign_size: int | None = Field(description="How many comments the campaign holds.")


class CommentPageOut(Schema):
    results: list[CommentOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor`, with the same filters, for the next page; null on the last page."
    )
    next: str | None = Field(description="The URL of the next page.")


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description=f"Comments per page, at most {MAX_PAGE_SIZE}.")
    cursor: str | None = Field(None, description="The `next_cursor` of the previous page.")


class CommentFilters(Schema):
    round: DatabaseId | None = None
    instrument: Slug | None = Field(None, description="Slug of the instrument.")
    version: DatabaseId | None = Field(None, description="Version number; needs `instrument`.")
    provision: ProvisionKey | None = Field(None, description="Key of the provision.")
    organization_kind: OrganizationKind | None = None
    regional_group: RegionalGroup | None = None
    language: Language | None = None
    position: Position | None = None
    kind: CommentKind | None = None
    created_after: IsoDatetime | None = Field(None, description="Included; ISO 8601 with a time zone.")
    created_before: IsoDatetime | None = Field(None, description="Excluded; ISO 8601 with a time zone.")


class Bucket(Schema):
    value: str | None
    count: int


class ParticipationFilters(Schema):
    round: DatabaseId | None = None
    instrument: Slug | None = Field(None, description="Slug of the instrument.")


class ParticipationOut(Schema):
    total: int
    by_organization_kind: list[Bucket] = Field(description="null: independent experts in their personal capacity.")
    by_regional_group: list[Bucket] = Field(
        description="null: no regional group (independent experts, organizations without one)."
    )
    by_language: list[Bucket]
    by_position: list[Bucket]
