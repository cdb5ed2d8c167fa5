"""Growers of texts: instruments, versions, provisions, comparisons, history, import drafts."""

import datetime

from drafts import services as text_services
from drafts.models import AdoptingBody, Adoption, AdoptionMethod, ProvisionKind, StateRole, VersionStatus, Vote
from portal import roles
from portal.models import OrganizationKind
from tests.conftest import give_totp
from tests.factories import InstrumentFactory, move_provision

from .world import quick_version, staff_user


def text_version(w, by, size, *, publish=True, slug=None):
    """A new instrument whose version 1 has an article, a heading and `size` paragraphs with
    sub-paragraphs, footnotes and some translations."""
    slug = slug or f"text-{w.n()}"
    instrument = text_services.instrument_create(by=by, slug=slug, title=f"Declaration {slug}")
    made = text_services.version_create(instrument=instrument, by=by, label="Preliminary text", original_language="en")
    add_provisions(made, by, size)
    if publish:
        text_services.version_publish(version=made, by=by, untranslated_ok=True)
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
            label=f"{100 + i}bis",
            texts={"en": f"A new paragraph {i}."},
        )
    if len(paragraphs) > 1:
        move_provision(paragraphs[-1], before=paragraphs[0])
    text_services.version_publish(version=new, by=w.drafter, untranslated_ok=True)
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
    text_services.version_publish(version=draft, by=w.drafter, untranslated_ok=True)
    w.history = paragraph


def grow_restorable(w, n):
    """A provision of a version in editing edited 2, then 10 times in three languages."""
    draft = w.once("restorable", lambda: text_version(w, w.drafter, 1, publish=False, slug="restorable"))
    paragraph = draft.provisions.get(kind=ProvisionKind.PARAGRAPH)
    for _ in range(n):
        paragraph.refresh_from_db()
        changes = {f"text_{code}": f"Wording {paragraph.revision} ({code})." for code in ("en", "fr", "es")}
        text_services.provision_update(provision=paragraph, by=w.drafter, base_revision=paragraph.revision, **changes)
    w.restorable = paragraph


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


# Made-up adoptions of a made-up text, for counting queries only: the States are made-up
# organizations, never the directory's States.
ADOPTION_BLOCK = "1st meeting\n1 January 2020\n[Adopted by a recorded vote.]"


def grow_adoptions(w, n):
    """n more voting organizations and n more adopted versions; every adoption has a vote
    of every organization, alternately in favour, against and abstaining."""
    instrument = w.once("adopted", lambda: InstrumentFactory(slug="adopted"))
    voters = w.cache.setdefault("voters", [])
    voters += [w.organization(kind=OrganizationKind.OBSERVER_STATE) for _ in range(n)]
    for _ in range(n):
        version = quick_version(instrument, size=0)
        Adoption.objects.create(
            version=version,
            body=AdoptingBody.HUMAN_RIGHTS_COUNCIL,
            session=version.number,
            in_favour=len(voters) - 2 * (len(voters) // 3),
            against=len(voters) // 3,
            abstaining=len(voters) // 3,
            date=datetime.date(2020, 1, version.number),
            symbol=f"A/HRC/RES/{version.number}/1",
            method=AdoptionMethod.RECORDED_VOTE,
            block=ADOPTION_BLOCK,
            recorded_by=w.secretariat,
        )
    votes = [Vote.IN_FAVOUR, Vote.AGAINST, Vote.ABSTAINING]
    for adoption in Adoption.objects.filter(version__instrument=instrument):
        have = set(adoption.roles.values_list("state_id", flat=True))
        StateRole.objects.bulk_create(
            StateRole(adoption=adoption, state=state, role=votes[i % 3], printed_as=state.name_en)
            for i, state in enumerate(voters)
            if state.pk not in have
        )
