"""The CSV export of comments. On PostgreSQL the rows are written by the database itself
(`COPY (…) TO STDOUT WITH (FORMAT csv)`), with the same comments, columns, order and bytes as
`csv_stream(comment_export_rows(...))`, which stays the reference and the path on other databases:
every cell that `selectors.exports._shape` computes in Python is computed here in SQL, on the same
filtered queryset. A million comments then cost about what PostgreSQL's own COPY of the rows
costs, instead of Python shaping each row. tests/consultations/test_exports.py compares the two
byte for byte.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.db import connections, router
from django.db.models import Case, CharField, F, Func, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Collate, Concat, Left, NullIf
from django.db.models.lookups import In

from portal.tabular import _FORMULA_STARTS, csv_header, csv_stream

from ..models import Comment, Confidentiality, CoSignature, CoSignatureStatus
from ..selectors.exports import (
    INTEGER_COLUMNS,
    LABEL_SEPARATOR,
    PARENT_LABELS,
    columns_for,
    comment_export_rows,
    comment_list_exported,
    organization_name,
)
from .filters import INDEPENDENT_EXPERT, SECRETARIAT


def comments_csv(*, scope, filters, audience, permalink):
    """The export as a stream of byte chunks: a byte order mark, the header, the rows."""
    if connections[router.db_for_read(Comment)].vendor == "postgresql":
        yield csv_header(columns_for(audience))
        yield from csv_rows_by_copy(scope=scope, filters=filters, audience=audience, permalink=permalink)
    else:
        yield from csv_stream(
            comment_export_rows(scope=scope, filters=filters, audience=audience, permalink=permalink),
            columns_for(audience),
        )


CHUNK_BYTES = 256 * 1024


class _UtcIso(Func):
    """The instant as `datetime.astimezone(UTC).isoformat(timespec="seconds")` writes it."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"
    output_field = TextField()


def _text(expression):
    return Cast(expression, TextField())


def _neutralized(expression):
    """tabular.neutralized(): text that a spreadsheet would run gets a leading apostrophe."""
    expression = _text(expression)
    return Case(
        When(
            In(Left(expression, 1), list(_FORMULA_STARTS)),
            then=Concat(Value("'"), expression, output_field=TextField()),
        ),
        default=expression,
        output_field=TextField(),
    )


def _empty_as_null(expression):
    return NullIf(_text(expression), Value(""))


def _cosigners():
    name = organization_name("organization__")
    confirmed = CoSignature.objects.filter(comment=OuterRef("pk"), status=CoSignatureStatus.CONFIRMED)
    # Sorted by code point, as Python's sorted() does (the "C" collation compares UTF-8 bytes).
    names = (
        confirmed.order_by()
        .values("comment")
        .annotate(names=StringAgg(name, delimiter="; ", order_by=Collate(name, "C")))
    )
    return Subquery(names.values("names"), output_field=TextField())


def _cells(secretariat, permalink_prefix):
    """{column: SQL expression}, the columns of columns_for(audience) in their order."""
    expert = Q(organization__isnull=True)
    hidden = Q(confidentiality=Confidentiality.ANONYMOUS)

    def unless_hidden(expression):
        if secretariat:
            return expression
        return Case(
            When(hidden, then=Value(None, output_field=TextField())), default=expression, output_field=TextField()
        )

    author_name = (
        F("author__display_name")
        if secretariat
        else Case(When(expert & ~hidden, then=F("author__display_name")), default=Value(None), output_field=TextField())
    )
    labels = Func(
        Value(LABEL_SEPARATOR),
        *(_empty_as_null(F(name)) for name in PARENT_LABELS),
        function="concat_ws",
        output_field=TextField(),
    )
    cells = {
        "id": F("pk"),
        "permalink": Concat(Value(permalink_prefix), _text(F("pk")), Value("/"), output_field=TextField()),
        "instrument": F("version__instrument__slug"),
        "version": F("version__number"),
        "provision_key": F("provision__key"),
        "provision_label": NullIf(labels, Value("")),
        "kind": F("kind"),
        "position": F("position"),
        "language": F("language"),
        "organization": unless_hidden(organization_name("organization__")),
        "organization_kind": Case(
            When(expert, then=Value(INDEPENDENT_EXPERT)), default=F("organization__kind"), output_field=CharField()
        ),
        "regional_group": _empty_as_null(F("organization__regional_group")),
        "author_name": author_name,
        "on_behalf_of": unless_hidden(_empty_as_null(F("on_behalf_note"))),
        "cosigners": unless_hidden(_cosigners()),
        "in_reply_to": F("parent_id"),
        "text": F("text"),
        "proposed_text": _empty_as_null(F("proposed_text")),
        "created_at": _UtcIso(F("created_at")),
        "updated_at": _UtcIso(F("updated_at")),
        "state": F("state"),
        "campaign": F("campaign_id"),
        "campaign_size": F("campaign__size"),
    }
    if secretariat:
        cells.update(
            moderation_reason=_empty_as_null(F("moderation_reason")),
            author_email=F("author__email"),
            confidentiality=F("confidentiality"),
            withdrawn=Case(
                When(withdrawn_at__isnull=True, then=Value("False")), default=Value("True"), output_field=TextField()
            ),
        )
    return {name: value if name in INTEGER_COLUMNS else _neutralized(value) for name, value in cells.items()}


def csv_rows_by_copy(*, scope, filters, audience, permalink):
    """The rows of the CSV (no header), as PostgreSQL writes them, in blocks of bytes."""
    columns = columns_for(audience)
    cells = _cells(audience == SECRETARIAT, permalink.prefix)
    comments = comment_list_exported(scope=scope, filters=filters, audience=audience)
    # Named c00, c01… so that neither clashes with a model field nor changes the column order;
    # a column without a cell is a KeyError here, and the byte-for-byte test checks the rest.
    selected = comments.values(**{f"c{index:02}": cells[name] for index, name in enumerate(columns)})
    ordered = selected.order_by("version__number", F("provision__position").asc(nulls_last=True), "created_at", "pk")
    sql, params = ordered.query.sql_with_params()
    with (
        connections[ordered.db].cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
    ):
        # COPY sends a row at a time: gathered into chunks, the server writes fewer, larger pieces.
        chunk, size = [], 0
        for block in copy:
            chunk.append(block)
            size += len(block)
            if size >= CHUNK_BYTES:
                yield b"".join(chunk)
                chunk, size = [], 0
        if chunk:
            yield b"".join(chunk)
