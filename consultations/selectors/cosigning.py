"""The organizations an author may ask to co-sign a comment: verified ones of the round's audience."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q

from portal.ids import database_ids
from portal.models import Organization
from portal.translated import column

from ..models import Round

MAX_MATCHES = 20


def organization_list_for_cosigning(*, round: Round, query: str = "", chosen=(), exclude=()) -> list[Organization]:
    """The organizations already `chosen` (ids, kept while the author searches on) and up to
    MAX_MATCHES whose name, in any of the six languages, contains `query`; never those in
    `exclude` (the author's own). One query."""
    candidates = Organization.objects.verified().filter(kind__in=round.audience_kinds).exclude(pk__in=exclude)
    chosen = database_ids(chosen)
    query = query.strip()
    matching = Q(pk__in=chosen)
    if query:
        named = reduce(or_, (Q(**{f"{column('name', code)}__icontains": query}) for code in settings.LANGUAGE_CODES))
        matching |= Q(pk__in=candidates.filter(named).order_by("name").values("pk")[:MAX_MATCHES])
    return list(candidates.filter(matching).order_by("name"))
