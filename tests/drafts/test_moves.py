"""Moving provisions in the drafting workspace: up, down, in, out, to a place; renumbering per
level or keeping the numbers with bis/ter; cycles, edges and concurrent edits refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from drafts import numbering, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(drafter):
    instrument = services.instrument_create(by=drafter, slug="moves", title="Moves")
    version = services.version_create(instrument=instrument, by=drafter, label="Draft", original_language="en")
    for n in (1, 2, 3):
        services.provision_create(version=version, by=drafter, kind="preamble", label=f"PP{n}", texts={"en": f"pp{n}"})
    for n in (1, 2, 3):
        services.provision_create(version=version, by=drafter, kind="operative", label=str(n), texts={"en": f"op{n}"})
    op2 = version.provisions.get(label="2", parent=None)
    for letter in "ab":
        services.provision_create(
            version=version, by=drafter, kind="subparagraph", label=f"({letter})", parent=op2, texts={"en": letter}
        )
    # provision_create appends at the end: put the sub-paragraphs back under OP2.
    services.provision_move(
        provision=version.provisions.get(label="3", parent=None),
        by=drafter,
        where="after",
        target=version.provisions.get(label="(b)"),
        base_revision=1,
    )
    return version


def outline(version):
    """Labels in document order, sub-provisions marked by their parent's label."""
    return [
        (f"{p.parent.label}/" if p.parent else "") + f"{p.label}={p.text_en}"
        for p in version.provisions.select_related("parent").order_by("position")
    ]


def move(version, drafter, text, where, target_text=None, **options):
    provision = version.provisions.get(text_en=text)
    target = version.provisions.get(text_en=target_text) if target_text else None
    return services.provision_move(
        provision=provision, by=drafter, where=where, target=target, base_revision=provision.revision, **options
    )


def test_the_fixture_reads_in_document_order(version):
    # Moving OP3 "after (b)" made it a sub-paragraph of OP2: the levels were renumbered.
    assert outline(version) == ["PP1=pp1", "PP2=pp2", "PP3=pp3", "1=op1", "2=op2", "2/(a)=a", "2/(b)=b", "2/(c)=op3"]


def test_move_up_renumbers_the_level(version, drafter):
    move(version, drafter, "pp3", "up")
    assert outline(version)[:3] == ["PP1=pp1", "PP2=pp3", "PP3=pp2"]


def test_move_down_takes_the_sub_provisions_along(version, drafter):
    move(version, drafter, "op1", "down")
    assert outline(version)[3:] == ["1=op2", "1/(a)=a", "1/(b)=b", "1/(c)=op3", "2=op1"]


def test_outdent_then_indent(version, drafter):
    moved = move(version, drafter, "op3", "outdent")
    assert moved.kind == "operative" and moved.parent_id is None
    assert outline(version)[3:] == ["1=op1", "2=op2", "2/(a)=a", "2/(b)=b", "3=op3"]
    moved = move(version, drafter, "op3", "indent")
    assert moved.kind == "subparagraph"
    assert outline(version)[-1] == "2/(c)=op3"


def test_under_a_sub_paragraph_numbers_are_roman(version, drafter):
    move(version, drafter, "b", "indent")
    assert outline(version)[5:] == ["2/(a)=a", "(a)/(i)=b", "2/(b)=op3"]


def test_keeping_the_numbers_gives_bis_then_ter(version, drafter):
    move(version, drafter, "pp1", "after", "pp2", keep_numbers=True)
    assert outline(version)[:3] == ["PP2=pp2", "PP2bis=pp1", "PP3=pp3"]
    move(version, drafter, "op1", "after", "a", keep_numbers=True)
    assert "2/(a bis)=op1" in outline(version)
    move(version, drafter, "pp3", "after", "pp2", keep_numbers=True)
    assert outline(version)[:3] == ["PP2=pp2", "PP2ter=pp3", "PP2bis=pp1"]


def test_every_move_is_one_revision_with_its_reason(version, drafter):
    provision = move(version, drafter, "pp3", "up")
    assert provision.revision == 2
    from reversion.models import Version as RevisionRecord

    assert RevisionRecord.objects.get_for_object(provision).first().revision.comment == "Moved PP3"


@pytest.mark.parametrize(
    ("text", "where", "target", "message"),
    [
        ("op2", "into", "a", "inside itself"),
        ("op2", "after", "b", "inside itself"),
        ("pp1", "up", None, "already at the end"),
        ("op3", "down", None, "already at the end"),
        ("pp1", "indent", None, "no provision before it"),
        ("pp1", "outdent", None, "already at the top level"),
        ("pp1", "after", None, "Choose a provision"),
    ],
)
def test_impossible_moves_change_nothing(version, drafter, text, where, target, message):
    before = outline(version)
    with pytest.raises(ValidationError, match=message):
        move(version, drafter, text, where, target)
    assert outline(version) == before


def test_a_move_from_a_stale_page_is_a_conflict(version, drafter):
    provision = version.provisions.get(text_en="pp2")
    with pytest.raises(services.EditConflict):
        services.provision_move(provision=provision, by=drafter, where="up", base_revision=provision.revision - 1)


def test_only_text_staff_move(version, role_user):
    provision = version.provisions.get(text_en="pp2")
    with pytest.raises(PermissionDenied):
        services.provision_move(provision=provision, by=role_user(), where="up", base_revision=provision.revision)


def test_inserted_labels():
    assert numbering.inserted_label("7", set()) == "7bis"
    assert numbering.inserted_label("7bis", {"7bis"}) == "7ter"
    assert numbering.inserted_label("Article 2", set()) == "Article 2bis"
    assert numbering.inserted_label("(a)", {"(a bis)"}) == "(a ter)"


def test_add_after_renumbers_the_level_or_takes_bis(version, drafter):
    pp1 = version.provisions.get(text_en="pp1")
    added = services.provision_add(after=pp1, by=drafter, kind="preamble", texts={"en": "new"})
    assert added.label == "PP2" and outline(version)[:4] == ["PP1=pp1", "PP2=new", "PP3=pp2", "PP4=pp3"]
    op2 = version.provisions.get(text_en="op2")
    added = services.provision_add(after=op2, by=drafter, kind="operative", texts={"en": "kept"}, keep_numbers=True)
    assert outline(version)[-2:] == ["2/(c)=op3", "2bis=kept"]
