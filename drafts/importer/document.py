"""What the importer returns: a title, provisions in reading order, the document's own
metadata and adoption record, what it set aside, and warnings."""

from dataclasses import asdict, dataclass, field

PROVISION_KINDS = ("preamble", "operative", "article", "paragraph", "subparagraph", "heading")


@dataclass
class ParsedProvision:
    kind: str  # one of PROVISION_KINDS
    label: str  # "PP3", "7bis", "Article 2", "(a)", "H1"
    text: str
    parent: int | None = None  # index of the enclosing provision in ParsedDocument.provisions
    footnotes: list[str] = field(default_factory=list)
    number: str = ""  # the number as the document prints it: "4.", "- 4-", "(أ)", "第一条"
    # The lines of the source it was read from, first and last, numbered as ParseWarning.line
    # numbers them (0 when not read from a source): the preview shows them beside the doubts.
    # Where it was read is not what it is: two provisions read from different lines are equal.
    line: int = field(default=0, compare=False)
    last_line: int = field(default=0, compare=False)


@dataclass
class ParseWarning:
    line: int  # 1-based number of the input line (of the Word paragraph for a DOCX)
    message: str


@dataclass
class SetAside:
    """What is neither text nor metadata, kept so that nothing disappears unseen: a page
    number or running header ("page"), a footnote's printed mark ("note mark"), the hyphen of
    a word cut at a line end ("hyphen")."""

    line: int
    text: str
    reason: str = "page"


@dataclass
class ParsedDocument:
    title: str | None
    provisions: list[ParsedProvision]
    warnings: list[ParseWarning]
    # Front matter: symbol, distribution, date (ISO), date_text, original_language, session,
    # agenda_item, body, number ... each as printed, see front_matter.py.
    metadata: dict = field(default_factory=dict)
    # The adoption block (meeting, date, method, counts, States by vote), see adoption.py.
    adoption: dict = field(default_factory=dict)
    set_aside: list[SetAside] = field(default_factory=list)
    # Why the text does not read like a resolution or declaration; empty when it does.
    doubts: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many provisions of each kind, in the order of PROVISION_KINDS."""
        kinds = [provision.kind for provision in self.provisions]
        return {kind: kinds.count(kind) for kind in PROVISION_KINDS if kind in kinds}

    def as_json_dict(self) -> dict:
        return {
            "title": self.title,
            "metadata": self.metadata,
            "provisions": [asdict(provision) for provision in self.provisions],
            "adoption": self.adoption,
            "doubts": self.doubts,
            "set_aside": [asdict(line) for line in self.set_aside],
            "warnings": [asdict(warning) for warning in self.warnings],
        }
