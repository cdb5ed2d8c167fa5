"""The read-only routes: texts (instruments, versions, provisions) and consultations (rounds,
comments, participation). Public data only, whoever asks."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.errors import HttpError

from consultations.models import Confidentiality
from drafts import selectors as text_selectors
from drafts.models import Instrument, Version
from drafts.selectors.adoptions import adoptions_of_instrument, explanations
from portal.translated import column

from . import selectors
from .pagination import filters_digest, keyset_page
from .schemas import (
    AdoptionOut,
    CommentFilters,
    CommentPageOut,
    DatabaseId,
    ErrorOut,
    InstrumentOut,
    PageParams,
    ParticipationFilters,
    ParticipationOut,
    ProvisionOut,
    RoundOut,
    VersionOut,
)

text_routes = Router(tags=["texts"])
consultation_routes = Router(tags=["consultations"])


def responses(schema, *errors):
    """The documented answers: `schema`, the given errors, and 429 (rate limit) everywhere."""
    return {200: schema, **dict.fromkeys((*errors, 429), ErrorOut)}


def _translated(obj, field):
    return {code: getattr(obj, column(field, code)) or None for code in settings.LANGUAGE_CODES}


# --- Texts ------------------------------------------------------------------------------------


def _instrument(instrument):
    return {
        "slug": instrument.slug,
        "title": _translated(instrument, "title"),
        "description": _translated(instrument, "description"),
        "versions": [version.number for version in instrument.public_versions],
    }


@text_routes.get("/instruments", response=responses(list[InstrumentOut]))
def instrument_list(request):
    return [_instrument(instrument) for instrument in selectors.instruments()]


@text_routes.get("/instruments/{slug}", response=responses(InstrumentOut, 404))
def instrument_detail(request, slug: str):
    return _instrument(get_object_or_404(selectors.instruments(), slug=slug))


@text_routes.get("/instruments/{slug}/versions", response=responses(list[VersionOut], 404))
def version_list(request, slug: str):
    """Published and superseded versions; versions still in editing are not public."""
    instrument = get_object_or_404(Instrument, slug=slug)
    versions = list(instrument.versions.public().order_by("number"))
    status = text_selectors.translation_statuses(versions)
    return [
        {
            "number": version.number,
            "label": _translated(version, "label"),
            "title": _translated(version, "title"),
            "symbol": version.symbol,
            "original_language": version.original_language,
            "status": version.status,
            "date": version.date,
            "published_at": version.published_at,
            "translation_status": {
                code: {"translated": done, "total": total} for code, (done, total) in status[version.pk].items()
            },
        }
        for version in versions
    ]


@text_routes.get("/instruments/{slug}/adoptions", response=responses(list[AdoptionOut], 404))
def adoption_list(request, slug: str):
    """How each adopted version was adopted: body, date, method, counts, and every State's vote
    and sponsorship (also as CSV and JSON at /<language>/texts/<slug>/votes.csv|json)."""
    instrument = get_object_or_404(Instrument, slug=slug)
    return [
        {
            **{name: getattr(adoption, name) for name in ADOPTION_FIELDS},
            "version": adoption.version.number,
            "explanations": [
                {
                    "address": explanation["address"],
                    "state": _translated(explanation["state"], "name") if explanation["state"] else None,
                    "country": str(explanation["state"].country) if explanation["state"] else None,
                    "label": explanation["label"],
                }
                for explanation in explanations(adoption=adoption)
            ],
            "states": [
                {
                    "state": _translated(role.state, "name"),
                    "country": str(role.state.country),
                    "regional_group": role.state.regional_group or None,
                    "role": role.role,
                    "printed_as": role.printed_as,
                }
                for role in adoption.roles.all()
            ],
        }
        for adoption in adoptions_of_instrument(instrument=instrument)
    ]


ADOPTION_FIELDS = ("body", "session", "meeting", "date", "symbol", "method", "in_favour", "against", "abstaining")
ADOPTION_FIELDS += ("absent",)


def _footnotes(provision, original_language):
    # [] means "no footnotes"; null means "footnotes not yet translated into this language".
    missing = [] if not provision.value_in("footnotes", original_language) else None
    return {code: provision.value_in("footnotes", code) or missing for code in settings.LANGUAGE_CODES}


@text_routes.get("/instruments/{slug}/versions/{number}/provisions", response=responses(list[ProvisionOut], 400, 404))
def provision_list(request, slug: str, number: DatabaseId):
    """The provisions of a public version in document order, in all six languages."""
    version = get_object_or_404(Version.objects.public(), instrument__slug=slug, number=number)
    provisions = list(version.provisions.order_by("position"))
    keys = {provision.pk: provision.key for provision in provisions}
    return [
        {
            "key": provision.key,
            "label": provision.label,
            "kind": provision.kind,
            "parent_key": keys.get(provision.parent_id),
            "position": provision.position,
            "heading": _translated(provision, "heading"),
            "text": _translated(provision, "text"),
            "footnotes": _footnotes(provision, version.original_language),
        }
        for provision in provisions
    ]


# --- Consultations ----------------------------------------------------------------------------


def _round(round):
    return {
        "id": round.pk,
        "title": _translated(round, "title"),
        "description": _translated(round, "description"),
        "opens_at": round.opens_at,
        "closes_at": round.closes_at,
        "state": round.state,
        "audiences": {"organization_kinds": round.audience_kinds, "experts": round.audience_experts},
        "modes": {
            "paragraph_comments": round.allows_paragraph_comments,
            "amendments": round.allows_amendments,
            "general_comments": round.allows_general_comments,
            "submissions": round.allows_submissions,
        },
        "instrument": (round.version or round.questionnaire).instrument.slug,
        "version": round.version.number if round.version else None,
        "questionnaire": round.questionnaire_id,
    }


@consultation_routes.get("/rounds", response=responses(list[RoundOut]))
def round_list(request):
    return [_round(round) for round in selectors.rounds()]


@consultation_routes.get("/rounds/{id}", response=responses(RoundOut, 400, 404))
def round_detail(request, id: DatabaseId):
    return _round(get_object_or_404(selectors.rounds(), pk=id))


def _organization(organization):
    return {
        "name": _translated(organization, "name"),
        "acronym": organization.acronym,
        "country": organization.country.code or None,
        "kind": organization.kind,
        "regional_group": organization.regional_group or None,
    }


def _comment(comment):
    """A comment as the public may know it: an anonymous one names neither the organization
    (nor its country, co-signers or "on behalf of") nor the expert, only kind and region."""
    anonymous = comment.confidentiality == Confidentiality.ANONYMOUS
    organization = comment.organization
    return {
        "id": comment.pk,
        "round": comment.round_id,
        "instrument": comment.version.instrument.slug,
        "version": comment.version.number,
        "provision": comment.provision.key if comment.provision else None,
        "provision_label": comment.provision.label if comment.provision else None,
        "parent": comment.parent_id,
        "kind": comment.kind,
        "position": comment.position,
        "language": comment.language,
        "text": comment.text,
        "proposed_text": comment.proposed_text,
        "anonymous": anonymous,
        "organization": _organization(organization) if organization and not anonymous else None,
        "organization_kind": organization.kind if organization else None,
        "regional_group": (organization.regional_group or None) if organization else None,
        "expert_name": (comment.author.display_name or None) if organization is None and not anonymous else None,
        "on_behalf_of": None if anonymous else comment.on_behalf_note or None,
        "cosigners": []
        if anonymous
        else [_organization(cosignature.organization) for cosignature in comment.confirmed_cosignatures],
        "outcome": comment.outcome or None,
        "outcome_note": comment.outcome_note,
        "created_at": comment.created_at,
        "edited": comment.edit_count > 0,
        "withdrawn": comment.withdrawn_at is not None,
        "campaign": comment.campaign_id,
        "campaign_size": comment.campaign.size if comment.campaign_id else None,
    }


def _page_url(request, cursor):
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@consultation_routes.get("/comments", response=responses(CommentPageOut, 400))
def comment_list(request, filters: Query[CommentFilters], page: Query[PageParams]):
    """Published public comments, oldest first, a page at a time: follow `next` (or pass
    `next_cursor` as `cursor` with the same filters) until it is null."""
    chosen = filters.model_dump(exclude_none=True)
    if "version" in chosen and "instrument" not in chosen:
        raise HttpError(400, "version: give `instrument` too, versions are numbered per instrument.")
    comments, next_cursor = keyset_page(
        selectors.public_comments(chosen), cursor=page.cursor, limit=page.limit, digest=filters_digest(chosen)
    )
    return {
        "results": [_comment(comment) for comment in comments],
        "next_cursor": next_cursor,
        "next": _page_url(request, next_cursor),
    }


@consultation_routes.get("/participation", response=responses(ParticipationOut, 400))
def participation(request, filters: Query[ParticipationFilters]):
    """How many published public comments (withdrawn ones left out), by organization kind,
    regional group, language and position."""
    return selectors.participation(**filters.model_dump())
