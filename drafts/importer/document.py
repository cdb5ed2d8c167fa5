"""What the importer returns: a title, provisions in reading order, and warnings."""

from dataclasses import asdict, dataclass, field

PROVISION_KINDS = ("preamble", "operative", "article", "paragraph", "subparagraph", "heading")


@dataclass
class ParsedProvision:
    kind: str  # one of PROVISION_KINDS
    label: str  # "PP3", "7bis", "Article 2", "(a)", "H1"
    text: str
    parent: int | None = None  # index of the enclosing provision in ParsedDocument.provisions
    footnotes: list[str] = field(default_factory=list)


@dataclass
class ParseWarning:
    line: int  # 1-based number of the input line (of the Word paragraph for a DOCX)
    message: str


@dataclass
class ParsedDocument:
    title: str | None
    provisions: list[ParsedProvision]
    warnings: list[ParseWarning]

    def as_json_dict(self) -> dict:
        return {
            "title": self.title,
            "provisions": [asdict(provision) for provision in self.provisions],
            "warnings": [asdict(warning) for warning in self.warnings],
        }
