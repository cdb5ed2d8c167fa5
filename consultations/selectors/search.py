"""Full-text search over the public texts (provisions of published and superseded versions, in
each of the six languages) and over the comments the reader may see.

PostgreSQL: its text search with the language's own configuration for English, French, Spanish
and Russian (stemming: "coopérer" finds "coopération"); for Arabic and Chinese, which have no
configuration, the 'simple' one plus substring matching and pg_trgm word similarity (Arabic
words carry prefixes, "التضامن", "بالتضامن"; Chinese has no spaces, so a word is a substring).
SQLite: a plain case-insensitive substring match over the same columns.

Whatever the reader types is passed as a parameter, never spliced into SQL; the query is
cleaned of invisible characters first. Snippets are built from escaped pieces only."""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, F, FloatField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from drafts.citations import cited_with
from drafts.models import FROZEN_STATUSES, Provision
from portal.translated import column

from ..models import Comment, CoSignature, CoSignatureStatus
from .comments import COMMENTS_PER_PAGE, Reader, comment_list_visible

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20
SNIPPET_LENGTH = 240
PROVISIONS, COMMENTS = "provisions", "comments"

# PostgreSQL ships stemming configurations for these; the others use 'simple' + trigrams.
PG_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian"}
NO_STEMMER = ("ar", "zh-hans")
# word_similarity() at or above this counts as a match (pg_trgm's own default for %>).
WORD_SIMILARITY_THRESHOLD = 0.6
SUBSTRING_SCORE = 0.5

# Harakat (short-vowel marks) and the tatweel: a query written with them should still find the
# unvocalized text UN documents are written in.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")


def clean_query(raw):
    """The query as searched: NFC, without control, format (zero-width, bidi), surrogate or
    Arabic vowel marks, with white space collapsed. Never longer than what was typed."""
    text = unicodedata.normalize("NFC", raw or "")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cf", "Cs", "Co", "Cn"):
            continue  # zero-width spaces and joiners, bidi embeddings/overrides/isolates, BOM
        if category == "Cc" or category.startswith("Z"):
            kept.append(" ")  # tabs, new lines, NUL, no-break and ideographic spaces
            continue
        kept.append(char)
    text = _ARABIC_MARKS.sub("", "".join(kept))
    return " ".join(text.split())


@dataclass
class Result:
    kind: str  # PROVISIONS or COMMENTS
    obj: object
    language: str
    snippet: str
    url: str


def _match_language_scores(languages, query, on_postgres):
    """For each language: (condition that a provision matches in it, score expression)."""
    pieces = {}
    for code in languages:
        text, heading = column("text", code), column("heading", code)
        substring = Q(**{f"{text}__icontains": query}) | Q(**{f"{heading}__icontains": query})
        if not on_postgres:
            pieces[code] = (substring, Value(1.0))
            continue
        # Imported here: the module must load where PostgreSQL's driver is not installed.
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            SearchVectorExact,
            TrigramWordSimilarity,
        )

        config = PG_CONFIGS.get(code, "simple")
        vector = SearchVector(heading, text, config=config)
        ts_query = SearchQuery(query, config=config, search_type="websearch")
        rank = SearchRank(vector, ts_query)
        matches = Q(SearchVectorExact(vector, ts_query))
        if code in NO_STEMMER:
            similarity = TrigramWordSimilarity(Value(query), Coalesce(F(text), Value("")))
            matches |= substring | Q(_gte(similarity, WORD_SIMILARITY_THRESHOLD))
            score = Greatest(
                rank,
                similarity,
                Case(When(substring, then=Value(SUBSTRING_SCORE)), default=Value(0.0)),
                output_field=FloatField(),
            )
        else:
            score = rank
        pieces[code] = (matches, score)
    return pieces


def _gte(expression, threshold):
    return GreaterThanOrEqual(expression, threshold)


def _any(conditions):
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def provision_list_matching(*, query: str, languages: list[str]) -> QuerySet[Provision]:
    """Provisions of public versions matching `query` in any of `languages`, best first, each
    annotated with a score per language (`score_<code>`, 0 where it does not match)."""
    on_postgres = connection.vendor == "postgresql"
    pieces = _match_language_scores(languages, query, on_postgres)
    annotations = {
        f"score_{code.replace('-', '_')}": Case(
            When(matches, then=score), default=Value(0.0), output_field=FloatField()
        )
        for code, (matches, score) in pieces.items()
    }
    provisions = (
        Provision.objects.filter(version__status__in=FROZEN_STATUSES)
        .filter(_any(matches for matches, _score in pieces.values()))
        .select_related("version__instrument", *cited_with())
        .annotate(**annotations)
    )
    scores = list(annotations)
    best = F(scores[0]) if len(scores) == 1 else Greatest(*(F(name) for name in scores), output_field=FloatField())
    return provisions.annotate(score=best).order_by(
        "-score", "version__instrument__slug", "-version__number", "position", "pk"
    )


def comment_list_matching(*, user: Reader, query: str, language: str | None = None) -> QuerySet[Comment]:
    """Comments the reader may see (comment_list_visible) whose text or proposed wording matches."""
    on_postgres = connection.vendor == "postgresql"
    comments = comment_list_visible(user=user)
    if language:
        comments = comments.filter(language=language)
    substring = Q(text__icontains=query) | Q(proposed_text__icontains=query)
    if on_postgres:
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            SearchVectorExact,
            TrigramWordSimilarity,
        )

        # Each comment is searched with the configuration of the language it is written in.
        config = Case(
            *(When(language=code, then=Value(name)) for code, name in PG_CONFIGS.items()),
            default=Value("simple"),
        )
        vector = SearchVector("text", "proposed_text", config=config)
        ts_query = SearchQuery(query, config=config, search_type="websearch")
        similarity = TrigramWordSimilarity(Value(query), F("text"))
        no_stemmer = Q(language__in=NO_STEMMER)
        matches = Q(SearchVectorExact(vector, ts_query)) | (
            no_stemmer & (substring | Q(_gte(similarity, WORD_SIMILARITY_THRESHOLD)))
        )
        score = Greatest(
            SearchRank(vector, ts_query),
            Case(When(no_stemmer, then=similarity), default=Value(0.0)),
            Case(When(no_stemmer & substring, then=Value(SUBSTRING_SCORE)), default=Value(0.0)),
            output_field=FloatField(),
        )
        comments = comments.filter(matches).annotate(score=score).order_by("-score", "-created_at", "-pk")
    else:
        comments = comments.filter(substring).order_by("-created_at", "-pk")
    confirmed = (
        CoSignature.objects.filter(status=CoSignatureStatus.CONFIRMED).select_related("organization").order_by("pk")
    )
    return comments.select_related(
        "round", "version__instrument", "organization", "author", *cited_with("provision__")
    ).prefetch_related(Prefetch("cosignatures", queryset=confirmed, to_attr="confirmed_cosignatures"))


def _comment_pages(user, comments):
    """{comment id: page number} of the comments page where each one (or the thread it is in)
    appears, in one query for the whole results page."""
    if not comments:
        return {}
    root_created = Coalesce(
        "parent__parent__parent__created_at", "parent__parent__created_at", "parent__created_at", "created_at"
    )
    root_pk = Coalesce("parent__parent__parent_id", "parent__parent_id", "parent_id", "pk")
    before = Q(created_at__lt=OuterRef("_root_created")) | Q(
        created_at=OuterRef("_root_created"), pk__lte=OuterRef("_root_pk")
    )
    base = comment_list_visible(
        user=user, queryset=Comment.objects.filter(version_id=OuterRef("version_id"), parent=None)
    ).filter(before)
    on_provision = (
        base.filter(provision_id=OuterRef("provision_id"))
        .order_by()
        .values("version_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    general = base.filter(provision__isnull=True).order_by().values("version_id").annotate(n=Count("pk")).values("n")
    rows = (
        Comment.objects.filter(pk__in=[comment.pk for comment in comments])
        .annotate(_root_created=root_created, _root_pk=root_pk)
        .annotate(
            rank=Case(
                When(provision__isnull=True, then=Coalesce(Subquery(general), Value(1))),
                default=Coalesce(Subquery(on_provision), Value(1)),
            )
        )
        .values_list("pk", "rank")
    )
    return {pk: max(1, (rank - 1) // COMMENTS_PER_PAGE + 1) for pk, rank in rows}


# --- Snippets ----------------------------------------------------------------------------------

_WORD_SCRIPT = re.compile(r"^[^\W\d_]+$")
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
# The article and the one-letter conjunctions and prepositions written joined to the word.
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ك", "ف")


def _terms(query):
    """What to highlight: the whole query, its words, and for long words of languages with
    stemming a prefix that also marks the word's other forms."""
    words = [word.strip("\"'()[]{}.,;:!?«»“”„-") for word in query.split()]
    words = [word for word in words if word and word.lower() != "or"]
    patterns = []
    if len(words) > 1:
        patterns.append(re.escape(" ".join(words)))
    for word in sorted(set(words), key=len, reverse=True):
        if _ARABIC.search(word):
            # The whole word around the match, also when the query or the text carries a prefix
            # the other lacks ("بالتضامن" / "التضامن").
            forms = [word] + [
                word[len(prefix) :]
                for prefix in _ARABIC_PREFIXES
                if word.startswith(prefix) and len(word) - len(prefix) >= 3
            ][:1]
            patterns.append(r"\w*(?:" + "|".join(re.escape(form) for form in forms) + r")\w*")
        elif _WORD_SCRIPT.match(word) and not _CJK.search(word) and len(word) >= 5:
            stem = word[: max(4, (len(word) * 7 + 9) // 10)]
            patterns.append(r"\b" + re.escape(stem) + r"\w*")
        else:
            patterns.append(re.escape(word))
    return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None


def snippet(text, query, length=SNIPPET_LENGTH):
    """An extract of `text` around the first match, with matches wrapped in <mark>; every
    piece of the text is escaped, so what the reader wrote is never markup."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    pattern = _terms(query)
    matches = list(pattern.finditer(text)) if pattern else []
    matches = [match for match in matches if match.end() > match.start()]
    start = 0
    if matches and matches[0].start() > length // 3:
        start = matches[0].start() - length // 3
        space = text.find(" ", start, matches[0].start())
        if space != -1 and space - start < 20:
            start = space + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        if space > start:
            end = space
    parts = ["…"] if start > 0 else []
    position = start
    for match in matches:
        if match.start() < position:
            continue
        if match.start() >= end:
            break
        parts.append(escape(text[position : match.start()]))
        parts.append("<mark>" + escape(text[match.start() : min(match.end(), end)]) + "</mark>")
        position = min(match.end(), end)
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped pieces and <mark> only


# --- The page -----------------------------------------------------------------------------------


def _best_language(provision, languages, interface_language):
    scores = {code: getattr(provision, f"score_{code.replace('-', '_')}", 0) or 0 for code in languages}
    best = max(scores.values())
    if interface_language in scores and scores[interface_language] == best:
        return interface_language
    return next(code for code in languages if scores[code] == best)


def _provision_results(page, query, *, languages, interface_language):
    results = []
    for provision in page.object_list:
        language = _best_language(provision, languages, interface_language)
        version = provision.version
        url = (
            reverse("drafts:version", args=[version.instrument.slug, version.number])
            + f"?text={language}#{provision.key}"
        )
        text = provision.value_in("text", language) or provision.value_in("heading", language)
        results.append(Result(PROVISIONS, provision, language, snippet(text, query), url))
    return results


def _comment_results(user, page, query):
    pages = _comment_pages(user, page.object_list)
    results = []
    for comment in page.object_list:
        key = comment.provision.key if comment.provision_id else "general"
        url = reverse("consultations:provision_comments", args=[comment.round_id, key])
        if pages.get(comment.pk, 1) > 1:
            url += f"?page={pages[comment.pk]}"
        url += f"#comment-{comment.pk}"
        text = comment.text
        if comment.proposed_text and not (_terms(query) and _terms(query).search(text)):
            text = comment.proposed_text
        results.append(Result(COMMENTS, comment, comment.language, snippet(text, query), url))
    return results


def search_results(
    *, user: Reader, query: str, scope: str, language: str, interface_language: str, page_number: int | str | None
) -> dict:
    """Both counts (for the scope switch), and the requested page of the requested scope."""
    languages = [language] if language else list(settings.LANGUAGE_CODES)
    provisions = provision_list_matching(query=query, languages=languages)
    comments = comment_list_matching(user=user, query=query, language=language or None)
    if scope == COMMENTS:
        page = Paginator(comments, RESULTS_PER_PAGE).get_page(page_number)
        results = _comment_results(user, page, query)
        counts = {PROVISIONS: provisions.count(), COMMENTS: page.paginator.count}
    else:
        page = Paginator(provisions, RESULTS_PER_PAGE).get_page(page_number)
        results = _provision_results(page, query, languages=languages, interface_language=interface_language)
        counts = {PROVISIONS: page.paginator.count, COMMENTS: comments.count()}
    return {"page": page, "results": results, "counts": counts}
