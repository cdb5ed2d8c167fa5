"""A version's "Compilation of comments received", as a Word document in the UN's manner.

A title block (the compilation's title, the instrument, the version's label and symbol), then,
on the same page, provision by provision in document order: the provision as readers cite it
("Article 1, paragraph 2 (a)", a heading by its words; drafts/citations.py) and its text, the
proposed amendments as attributed redlines (insertions underlined, deletions struck through), then the comments
grouped by kind of contributor and, within each kind, by UN regional group; general comments
come last. The compilation's own words are in the headings language; provisions are in the
text language; each comment keeps the language it was written in, and Arabic paragraphs run
right to left.
"""

import re
from collections import defaultdict
from io import BytesIO

import docx
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from drafts import redline
from drafts.citations import cite
from drafts.exports.ooxml import (
    add_paragraph,
    by_direction,
    is_right_to_left_paragraph,
    plain_headings,
    right_to_left,
)
from drafts.exports.tree import (
    document_title,
    is_right_to_left,
    missing_note,
    version_label,
    version_tree,
    walk,
)
from portal.models import OrganizationKind, RegionalGroup

from ..models import CommentKind, Confidentiality, ModerationState
from .filters import INDEPENDENT_EXPERT

# The order of a UN compilation: States first, then intergovernmental bodies, then the others.
KIND_HEADINGS = {
    OrganizationKind.MEMBER_STATE: gettext_lazy("Member States"),
    OrganizationKind.OBSERVER_STATE: gettext_lazy("Observer States"),
    OrganizationKind.GROUP_OF_STATES: gettext_lazy("Groups of States"),
    OrganizationKind.IGO: gettext_lazy("Intergovernmental organizations"),
    OrganizationKind.UN_ENTITY: gettext_lazy("United Nations entities"),
    OrganizationKind.SPECIAL_PROCEDURE: gettext_lazy("Special procedures, treaty bodies and the Advisory Committee"),
    OrganizationKind.NHRI: gettext_lazy("National human rights institutions"),
    OrganizationKind.NGO: gettext_lazy("Non-governmental organizations"),
    OrganizationKind.ACADEMIC: gettext_lazy("Academic institutions"),
    INDEPENDENT_EXPERT: gettext_lazy("Independent experts"),
    OrganizationKind.OTHER: gettext_lazy("Other contributors"),
}
ANONYMOUS_SPEAKERS = {
    OrganizationKind.MEMBER_STATE: gettext_lazy("A Member State"),
    OrganizationKind.OBSERVER_STATE: gettext_lazy("An observer State"),
    OrganizationKind.GROUP_OF_STATES: gettext_lazy("A group of States"),
    OrganizationKind.IGO: gettext_lazy("An intergovernmental organization"),
    OrganizationKind.UN_ENTITY: gettext_lazy("A United Nations entity"),
    OrganizationKind.SPECIAL_PROCEDURE: gettext_lazy("A special procedure or treaty body"),
    OrganizationKind.NHRI: gettext_lazy("A national human rights institution"),
    OrganizationKind.NGO: gettext_lazy("A non-governmental organization"),
    OrganizationKind.ACADEMIC: gettext_lazy("An academic institution"),
    INDEPENDENT_EXPERT: gettext_lazy("An independent expert"),
    OrganizationKind.OTHER: gettext_lazy("An organization"),
}
REGION_ORDER = [*RegionalGroup.values, ""]  # those without a regional group last, unheaded

_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")  # "! Keep it as it is" adds "Keep it as it is"


def version_compilation(version, comments, *, headings_language, text_language, secretariat) -> bytes:
    """`comments`: {provision key or None: [comments]} from selectors.exports.comments_by_provision."""
    with translation.override(headings_language):
        writer = _Writer(headings_language, secretariat)
        writer.title_block(version)
        for node, title in _provisions(version, text_language, headings_language):
            writer.provision(node, title, text_language, comments.get(node.key, []), version)
        writer.general(comments.get(None, []))
        return writer.save(version)


def _provisions(version, language, headings_language):
    """(node, title) in document order; the title is the provision as readers cite it, in the
    headings language ("Article 1, paragraph 2 (a)", "Preambular paragraph 4", a heading's words)."""
    provisions = list(version.provisions.all())
    by_pk = {provision.pk: provision for provision in provisions}
    titles = {p.key: capfirst(str(cite(p, headings_language, by_pk=by_pk))) for p in provisions}
    for node, _parent, _depth in walk(version_tree(version, language)):
        yield node, titles[node.key]


def speaker(comment, secretariat):
    """Who speaks, as the audience may know it (the same words as the consultation pages)."""
    organization = comment.organization
    if comment.confidentiality == Confidentiality.ANONYMOUS and not secretariat:
        anonymous = ANONYMOUS_SPEAKERS[organization.kind if organization else INDEPENDENT_EXPERT]
        if organization is None or not organization.regional_group:
            return str(anonymous)
        return _("%(speaker)s (%(region)s)") % {
            "speaker": anonymous,
            "region": RegionalGroup(organization.regional_group).label,
        }
    if organization is None:
        return _("%(name)s (independent expert, personal capacity)") % {"name": comment.author.display_name}
    names = [organization.name] + [cosignature.organization.name for cosignature in comment.confirmed_cosignatures]
    said_by = (
        names[0]
        if len(names) == 1
        else _("%(first)s, jointly with %(others)s") % {"first": names[0], "others": ", ".join(names[1:])}
    )
    return f"{said_by}, {comment.on_behalf_note}" if comment.on_behalf_note else said_by


def secretariat_marks(comment):
    """What the secretariat's copy says about an item the public does not see as is."""
    marks = []
    if comment.state != ModerationState.PUBLISHED:
        state = comment.get_state_display()
        marks.append(f"{state}: {comment.moderation_reason}" if comment.moderation_reason else state)
    if comment.withdrawn_at:
        marks.append(_("Withdrawn"))
    if comment.confidentiality != Confidentiality.PUBLIC:
        marks.append(comment.get_confidentiality_display())
    return marks


def _by_kind_and_region(comments):
    """[(kind, [(region, [comments])])] in the compilation's order."""
    groups = defaultdict(lambda: defaultdict(list))
    for comment in comments:
        organization = comment.organization
        kind = organization.kind if organization else INDEPENDENT_EXPERT
        groups[kind][organization.regional_group if organization else ""].append(comment)
    return [
        (kind, [(region, groups[kind][region]) for region in REGION_ORDER if region in groups[kind]])
        for kind in KIND_HEADINGS
        if kind in groups
    ]


def _apart_from_campaigns(comments):
    """(comments standing alone, [[members of a campaign]]): a campaign is printed once when
    two or more of its members are in the compilation."""
    campaigns = defaultdict(list)
    for comment in comments:
        if comment.campaign_id:
            campaigns[comment.campaign_id].append(comment)
    grouped = [members for members in campaigns.values() if len(members) > 1]
    in_groups = {member.pk for members in grouped for member in members}
    return [comment for comment in comments if comment.pk not in in_groups], grouped


class _Writer:
    def __init__(self, language, secretariat):
        self.language = language
        self.rtl = is_right_to_left(language)
        self.secretariat = secretariat
        self.document = docx.Document()
        names = ("Title", "Heading 1", "Heading 2", "Heading 3")
        plain_headings(self.document, names)
        self.heading_styles = [self.document.styles[name].style_id for name in names]  # by level

    def title_block(self, version):
        """The compilation's title, the text's title, label and symbol; the first provision
        follows on the same page."""
        self.heading(_("Compilation of comments received"), 0)
        title = document_title(version, self.language)[0] or document_title(version, version.original_language)[0]
        if title:
            self.paragraph(title, self.rtl, bold=True)
        label = version_label(version, self.language)
        self.paragraph(f"{label} ({version.symbol})" if version.symbol else label, self.rtl)
        if self.secretariat:
            self.paragraph(
                _(
                    "Secretariat copy: includes pending, rejected, withdrawn and confidential contributions, marked as such."
                ),
                self.rtl,
                italic=True,
            )

    def provision(self, node, title, language, comments, version):
        self.heading(title, 1)
        if node.missing:
            self.paragraph(missing_note(language), is_right_to_left(language), italic=True)
        elif node.text != title:  # an unnumbered heading is its own title
            self.paragraph(node.text, is_right_to_left(language))
        amendments = [comment for comment in comments if comment.kind == CommentKind.AMENDMENT]
        if amendments:
            self.heading(_("Proposed amendments"), 2)
            for amendment in amendments:
                self.amendment(amendment, version)
        self.grouped(
            [comment for comment in comments if comment.kind != CommentKind.AMENDMENT], none_note=not amendments
        )

    def general(self, comments):
        self.heading(_("General comments"), 1)
        self.grouped(comments, none_note=True)

    def grouped(self, comments, none_note):
        if not comments and none_note:
            self.paragraph(_("No comments were received."), self.rtl, italic=True)
        alone, campaigns = _apart_from_campaigns(comments)
        for kind, regions in _by_kind_and_region(alone):
            self.heading(str(KIND_HEADINGS[kind]), 2)
            for region, members in regions:
                if region:
                    self.heading(str(RegionalGroup(region).label), 3)
                for comment in members:
                    self.attribution(comment)
                    self.paragraph(comment.text, is_right_to_left(comment.language))
        if campaigns:
            self.heading(_("Campaigns: the same text sent by several contributors"), 2)
        for members in campaigns:
            self.campaign(members)

    def campaign(self, members):
        """The text once, who sent it, and what each sender added to it."""
        first = members[0]
        names = "; ".join(speaker(member, self.secretariat) for member in members)
        said = ngettext(
            "Submitted by %(n)s organization: %(names)s", "Submitted by %(n)s organizations: %(names)s", len(members)
        ) % {"n": len(members), "names": names}
        self.paragraph(said, self.rtl, bold=True)
        self.paragraph(first.text, is_right_to_left(first.language))
        for member in members[1:]:
            inserted = (change.text for change in redline.diff(first.text, member.text) if change.op == redline.INSERT)
            added = [text for text in (_EDGE_PUNCTUATION.sub("", text) for text in inserted) if text]
            if added:
                paragraph = self.new_paragraph(is_right_to_left(member.language))
                self.run(
                    paragraph, _("%(speaker)s adds: ") % {"speaker": speaker(member, self.secretariat)}, italic=True
                )
                self.run(paragraph, " … ".join(added))

    def amendment(self, comment, version):
        self.attribution(comment)
        provision = comment.provision
        current = provision.value_in("text", comment.language) or provision.value_in("text", version.original_language)
        paragraph = self.new_paragraph(is_right_to_left(comment.language))
        for change in redline.diff(current, comment.proposed_text):
            self.run(paragraph, change.text, underline=change.op == redline.INSERT, strike=change.op == redline.DELETE)
        self.paragraph(comment.text, is_right_to_left(comment.language), italic=True)  # the reasons given

    def attribution(self, comment):
        said = speaker(comment, self.secretariat)
        if comment.kind == CommentKind.QUESTION:
            said = _("%(speaker)s (question)") % {"speaker": said}
        paragraph = self.new_paragraph(self.rtl)
        self.run(paragraph, said, bold=True)
        marks = secretariat_marks(comment) if self.secretariat else []
        if marks:
            self.run(paragraph, f" [{'; '.join(marks)}]", italic=True)

    # --- Paragraphs and runs -------------------------------------------------------------------
    def heading(self, text, level):
        paragraph = add_paragraph(self.document, self.heading_styles[level])
        if self.rtl:
            right_to_left(paragraph)
        self.run(paragraph, text)

    def new_paragraph(self, rtl):
        paragraph = add_paragraph(self.document)
        if rtl:
            right_to_left(paragraph)
        return paragraph

    def paragraph(self, text, rtl, bold=False, italic=False):
        paragraph = self.new_paragraph(rtl)
        self.run(paragraph, text, bold=bold, italic=italic)

    def run(self, paragraph, text, bold=False, italic=False, underline=False, strike=False):
        """`text` at the end of `paragraph`, in a run per script direction (ooxml.by_direction):
        only runs of Arabic letters are marked right to left, else Word and LibreOffice lay out
        Latin names and symbols ("A/HRC/35/35") as right-to-left script."""
        for piece, rtl in by_direction(text, is_right_to_left_paragraph(paragraph)):
            run = paragraph.add_run(piece)
            font = run.font
            font.bold = font.cs_bold = bold or None
            font.italic = font.cs_italic = italic or None
            if underline:
                font.underline = True
            if strike:
                font.strike = True
            font.rtl = rtl or None

    def save(self, version) -> bytes:
        properties = self.document.core_properties
        properties.title = _("Compilation of comments received")
        properties.subject = version.symbol
        properties.author = properties.last_modified_by = ""
        properties.created = properties.modified = timezone.now()  # not the template's date
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
