"""Akoma Ntoso 3.0 (AKN4UN) XML of a version, or of a comparison of two versions.

The document is a `<statement name="draftDeclaration">`, the type AKN4UN uses for resolutions
and other documents of a UN body: `<preface>` (title, symbol, date, stage), `<preamble>`
(the body line as a `<container>`, the preambular paragraphs as `<recitals>`) and
`<mainBody>` (operative paragraphs as `<paragraph>`, articles with their paragraphs, lettered
sub-paragraphs as `<point>`s in a `<list>`, headings as `<hcontainer name="crossHeading">`).

`eId`s follow the Akoma Ntoso naming convention and are built from the labels
(`art_1__para_2__list_1__point_a`), so they change when a text is renumbered; `wId`s are the
provisions' stable keys, the same for "the same paragraph" in every version.
"""

import re

from django.utils import timezone, translation
from lxml import etree

from .. import redline
from ..citations import printed_label
from ..models import Adoption, Vote
from .tree import (
    comparison_tree,
    document_title,
    missing_note,
    printed_date,
    split_preamble,
    version_label,
    version_tree,
)

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# ISO 639-2/B codes, as Akoma Ntoso identifies languages.
ISO_639_2 = {"ar": "ara", "zh-hans": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}
SOURCE = "#ohchr"
VOTES = Vote.values  # in favour, against, abstaining, absent or non-voting
# Characters XML 1.0 cannot carry; a pasted control character must not break the export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MIXED_CONTENT = {f"{{{AKN_NAMESPACE}}}{name}" for name in ("p", "heading", "num")}
_NOT_IN_EID = re.compile(r"[^a-z0-9]", re.ASCII)
_NOT_IN_NCNAME = re.compile(r"[^\w.-]", re.ASCII)


def version_akn(version, language) -> bytes:
    return _Writer(language).document(version, version_tree(version, language))


def version_compare_akn(old, new, language) -> bytes:
    """The new version with its changes since `old` as <ins>/<del>; removed provisions are kept
    where they stood with status="removed"."""
    return _Writer(language).document(new, comparison_tree(old, new, language))


def _tag(name):
    return f"{{{AKN_NAMESPACE}}}{name}"


def _sub(parent, local_name, text=None, **attributes):
    element = etree.SubElement(parent, _tag(local_name), {k: v for k, v in attributes.items() if v is not None})
    if text:
        _add_text(element, text)
    return element


def _reference(references, kind, name, show_as):
    """A reference to the UN's `name` in the AKN ontology: `kind` is "organization", "event" or
    "concept" (<TLCOrganization>, <TLCEvent>, <TLCConcept>)."""
    return _sub(references, f"TLC{kind.title()}", eId=name, href=f"/akn/ontology/{kind}/un/{name}", showAs=show_as)


def _add_text(element, text):
    """Append text to mixed content; a line break in the text becomes <br/>."""
    for index, line in enumerate(_NOT_XML.sub("", text).split("\n")):
        if index:
            etree.SubElement(element, _tag("br"))
        if len(element):
            element[-1].tail = (element[-1].tail or "") + line
        else:
            element.text = (element.text or "") + line


def _eid_number(label, fallback):
    """ "PP3" -> "3", "Article 7bis" -> "7bis", "(a)" -> "a"; the position when nothing is left."""
    number = re.sub(r"^(pp|article|art)", "", _NOT_IN_EID.sub("", label.lower()))
    return number or str(fallback)


def _wid(key):
    """The stable key as an XML name: keys are made of letters and digits, but one typed by hand
    may start with a digit or hold a space."""
    name = _NOT_IN_NCNAME.sub("_", key)
    return name if name[:1].isalpha() or name[:1] == "_" else f"k_{name}"


class _Writer:
    def __init__(self, language):
        self.language = language
        self.eids = set()
        self.wids = set()
        self.notes = 0  # footnote markers run through the whole document

    # --- Document ----------------------------------------------------------------------------
    def document(self, version, roots) -> bytes:
        root = etree.Element(_tag("akomaNtoso"), nsmap={None: AKN_NAMESPACE})
        statement = _sub(root, "statement", name="draftDeclaration")
        self.meta(statement, version)
        self.preface(statement, version)
        preamble, body = split_preamble(roots)
        if preamble:
            self.preamble(_sub(statement, "preamble"), preamble)
        main = _sub(statement, "mainBody")
        self.body(main, body)
        if not len(main):
            _sub(main, "p")  # mainBody may not be empty
        _indent(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"

    def meta(self, parent, version):
        meta = _sub(parent, "meta")
        identification = _sub(meta, "identification", source=SOURCE)
        work_date, expression_date = _work_date(version), _expression_date(version)
        work = f"/akn/un/statement/draftDeclaration/ohchr/{work_date}/{version.instrument.slug}"
        expression = f"{work}/{ISO_639_2[self.language]}@v{version.number}"
        original = f"{work}/{ISO_639_2[version.original_language]}@v{version.number}"

        frbr = _sub(identification, "FRBRWork")
        self.frbr_core(frbr, f"{work}/!main", work, work_date, "drafting")
        _sub(frbr, "FRBRcountry", value="un")
        _sub(frbr, "FRBRsubtype", value="draftDeclaration")
        if version.symbol:  # the document's own symbol, as printed on it
            _sub(frbr, "FRBRnumber", value=version.symbol)

        frbr = _sub(identification, "FRBRExpression")
        self.frbr_core(frbr, f"{expression}/!main", expression, expression_date, "version")
        _sub(frbr, "FRBRversionNumber", value=str(version.number))
        _sub(frbr, "FRBRlanguage", language=ISO_639_2[self.language])
        if self.language != version.original_language:
            _sub(frbr, "FRBRtranslation", href=original, fromLanguage=ISO_639_2[version.original_language], by=SOURCE)

        frbr = _sub(identification, "FRBRManifestation")
        # Dated like the expression, so one version always exports to the same bytes.
        self.frbr_core(frbr, f"{expression}/!main.xml", f"{expression}.akn", expression_date, "export")
        _sub(frbr, "FRBRformat", value="application/akn+xml")

        adoption = _adoption(version)
        if adoption is not None:
            self.adoption(meta, adoption)
        references = _sub(meta, "references", source=SOURCE)
        _reference(references, "organization", "ohchr", "OHCHR")
        if adoption is not None:
            self.adoption_references(references, adoption)

    def adoption(self, meta, adoption):
        """The adoption as the last event of the version's life, a step of its workflow (the
        body that adopted it, how) and, for a recorded vote, the counts."""
        date = adoption.date.isoformat()
        lifecycle = _sub(meta, "lifecycle", source=SOURCE)
        _sub(
            lifecycle, "eventRef", eId="evt_adoption", date=date, source=SOURCE, refersTo="#adoption", type="generation"
        )
        workflow = _sub(meta, "workflow", source=SOURCE)
        _sub(workflow, "step", date=date, by=f"#{adoption.body}", refersTo="#adoption", outcome=f"#{adoption.method}")
        if adoption.method == "recorded_vote":
            parliamentary = _sub(_sub(meta, "analysis", source=SOURCE), "parliamentary")
            voting = _sub(parliamentary, "voting", eId="vote_adoption", outcome=f"#{adoption.method}")
            for vote in VOTES:
                if adoption.count(vote) is not None:
                    _sub(
                        voting,
                        "count",
                        eId=f"vote_adoption__{vote}",
                        value=str(adoption.count(vote)),
                        refersTo=f"#{vote}",
                    )

    @translation.override("en")  # the ontology's names, whatever the interface language
    def adoption_references(self, references, adoption):
        _reference(references, "organization", adoption.body, str(adoption.get_body_display()))
        _reference(references, "event", "adoption", adoption.symbol or "adoption")
        _reference(references, "concept", adoption.method, str(adoption.get_method_display()))
        if adoption.method == "recorded_vote":
            for vote in (vote for vote in VOTES if adoption.count(vote) is not None):
                _reference(references, "concept", vote, vote.replace("_", " "))

    def frbr_core(self, parent, this, uri, date, date_name):
        _sub(parent, "FRBRthis", value=this)
        _sub(parent, "FRBRuri", value=uri)
        _sub(parent, "FRBRdate", date=date.isoformat(), name=date_name)
        _sub(parent, "FRBRauthor", href=SOURCE)

    def preface(self, parent, version):
        preface = _sub(parent, "preface")
        title, missing = document_title(version, self.language)
        if title or missing:
            doc_title = _sub(_sub(preface, "p", **{"class": "title"}), "docTitle")
            if missing:
                self.placeholder(doc_title)
            else:
                _add_text(doc_title, title)
        if version.symbol:
            _sub(_sub(preface, "p"), "docNumber", version.symbol)
        if version.date:
            shown = printed_date(version.date, self.language)
            _sub(_sub(preface, "p"), "docDate", shown, date=version.date.isoformat())
        _sub(_sub(preface, "p"), "docStage", version_label(version, self.language))

    # --- Preamble ------------------------------------------------------------------------------
    def preamble(self, parent, nodes):
        recitals = None
        for node in nodes:
            if node.kind == "preamble":
                if recitals is None:
                    recitals = self.element(parent, "recitals", self.eid("", "recs", _count(parent, "recitals")))
                self.recital(recitals, node)
            else:
                recitals = None
                eid = self.eid("", "container", _count(parent, "container"))
                container = self.element(parent, "container", eid, node, name="heading")
                self.inline(_sub(container, "p"), node, container)

    def recital(self, parent, node):
        eid = self.eid(parent.get("eId"), "rec", _eid_number(node.label, len(parent) + 1))
        recital = self.element(parent, "recital", eid, node)
        self.num(recital, node)
        self.inline(_sub(recital, "p"), node, recital)
        if node.children:
            self.block_list(recital, node)

    def block_list(self, parent, node):
        """Lettered items under a preambular paragraph: a recital holds blocks only."""
        items = self.element(parent, "blockList", self.eid(parent.get("eId"), "list", 1))
        for child in node.children:
            eid = self.eid(items.get("eId"), "item", _eid_number(child.label, len(items) + 1))
            item = self.element(items, "item", eid, child)
            self.num(item, child, node)
            self.inline(_sub(item, "p"), child, item)
            if child.children:
                self.block_list(item, child)

    # --- Main body -------------------------------------------------------------------------------
    def body(self, parent, nodes, parent_node=None):
        prefix = parent.get("eId") or ""
        points = None
        for node in nodes:
            if node.kind == "subparagraph":
                if points is None:
                    points = self.element(parent, "list", self.eid(prefix, "list", _count(parent, "list")))
                self.hierarchy(points, "point", "point", node, parent_node)
                continue
            points = None
            if node.kind == "article":
                self.hierarchy(parent, "article", "art", node, parent_node)
            elif node.kind in ("operative", "paragraph"):
                self.hierarchy(parent, "paragraph", "para", node, parent_node)
            elif node.kind == "heading":
                eid = self.eid(prefix, "hcontainer", _count(parent, "hcontainer"))
                container = self.element(parent, "hcontainer", eid, node, name="crossHeading")
                self.inline(_sub(container, "heading"), node, container)
            else:  # a preambular paragraph after the operative part began
                self.hierarchy(parent, "hcontainer", "hcontainer", node, parent_node, name="preambularParagraph")

    def hierarchy(self, parent, tag, abbreviation, node, parent_node, **attributes):
        number = _eid_number(node.label, _count(parent, tag))
        element = self.element(parent, tag, self.eid(parent.get("eId") or "", abbreviation, number), node, **attributes)
        self.num(element, node, parent_node)
        has_text = node.changes or node.missing or node.footnotes
        if tag == "article":
            if has_text:
                self.inline(_sub(element, "heading"), node, element)
            self.body(element, node.children, node)
        elif node.children:
            if has_text:
                self.inline(_sub(_sub(element, "intro"), "p"), node, element)
            self.body(element, node.children, node)
        else:
            self.inline(_sub(_sub(element, "content"), "p"), node, element)

    # --- Pieces ----------------------------------------------------------------------------------
    def eid(self, prefix, abbreviation, number):
        name = f"{prefix}__{abbreviation}_{number}" if prefix else f"{abbreviation}_{number}"
        return _unique(name, self.eids)

    def element(self, parent, tag, eid, node=None, **attributes):
        """A structural element; a provision's carries its stable key as wId."""
        if node is not None:
            attributes["wId"] = _unique(_wid(node.key), self.wids)
            if node.removed:
                attributes["status"] = "removed"
        return _sub(parent, tag, eId=eid, **attributes)

    def num(self, parent, node, parent_node=None):
        parent_kind = parent_node.kind if parent_node is not None else None
        shown = printed_label(node.kind, node.label, self.language, parent_kind) or node.label
        num = _sub(parent, "num")
        if node.old_label:
            _sub(num, "del", printed_label(node.kind, node.old_label, self.language, parent_kind) or node.old_label)
            _sub(num, "ins", shown)
        else:
            _add_text(num, shown)

    def inline(self, parent, node, element):
        """The text (with its redline, if any) and footnotes into an inline element."""
        if node.missing:
            element.set("status", "incomplete")
            self.placeholder(parent)
        for change in node.changes:
            if change.op == redline.EQUAL:
                _add_text(parent, change.text)
            else:
                _sub(parent, "ins" if change.op == redline.INSERT else "del", change.text)
        for index, note in enumerate(node.footnotes, start=1):
            self.notes += 1
            eid = _unique(f"{element.get('eId')}__authorialNote_{index}", self.eids)
            _sub(_sub(parent, "authorialNote", marker=str(self.notes), placement="bottom", eId=eid), "p", note)

    def placeholder(self, parent):
        _sub(parent, "placeholder", missing_note(self.language))


def _indent(element, level=0):
    """Indent the structure for people reading the file, but never inside text (a <p> holding
    only <del> and a note must not gain spaces, as lxml's pretty_print would give it)."""
    if element.tag in _MIXED_CONTENT or not len(element):
        return
    inside = "\n" + "  " * (level + 1)
    element.text = inside
    for child in element:
        _indent(child, level + 1)
        child.tail = inside
    element[-1].tail = "\n" + "  " * level


def _count(parent, tag):
    """The position a new `tag` child of `parent` will have among its siblings of that tag."""
    return len(parent.findall(_tag(tag))) + 1


def _unique(name, taken):
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


def _adoption(version):
    return Adoption.objects.filter(version=version).first() if version.is_frozen else None


def _expression_date(version):
    moment = version.published_at or version.created_at or timezone.now()
    return version.date or timezone.localdate(moment)


def _work_date(version):
    """The date of the instrument's first version: the work exists from its first draft."""
    first = version.instrument.versions.order_by("number").first()
    return _expression_date(first or version)
