"""Word files built from real texts for the importer's tests, as UN Word files are made:
paragraphs numbered by Word's list numbering (word/numbering.xml) rather than typed, and
notes as real footnotes (word/footnotes.xml), with the relationships and content types Word
writes for them."""

import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
}


@dataclass
class ListLevel:
    format: str  # numFmt: "decimal", "hindiNumbers", "chineseCounting" ...
    text: str  # lvlText: "%1.", "Article %1", "第%1条"
    start: int = 1


@dataclass
class WordFile:
    """Paragraphs with optional list numbering and footnotes, saved as a .docx."""

    lists: list[list[ListLevel]] = field(default_factory=list)  # abstract numberings
    instances: list[tuple[int, dict[int, int]]] = field(default_factory=list)  # (abstract, {level: start})
    footnotes: list[str] = field(default_factory=list)
    document: docx.Document = field(default_factory=docx.Document)

    def abstract(self, *levels: ListLevel) -> int:
        self.lists.append(list(levels))
        return len(self.lists) - 1

    def instance(self, abstract: int, restart_at: dict[int, int] | None = None) -> int:
        """A list (w:num) of an abstract numbering; `restart_at` overrides levels' starts."""
        self.instances.append((abstract, restart_at or {}))
        return len(self.instances)  # numIds start at 1

    def paragraph(self, text: str, num_id: int | None = None, level: int = 0, notes: tuple[str, ...] = ()):
        paragraph = self.document.add_paragraph(text)
        if num_id is not None:
            properties = paragraph._p.get_or_add_pPr()
            numbering = OxmlElement("w:numPr")
            for name, value in (("w:ilvl", level), ("w:numId", num_id)):
                element = OxmlElement(name)
                element.set(qn("w:val"), str(value))
                numbering.append(element)
            properties.append(numbering)
        for note in notes:
            self.footnotes.append(note)
            run = paragraph.add_run()
            reference = OxmlElement("w:footnoteReference")
            reference.set(qn("w:id"), str(len(self.footnotes)))
            run._r.append(reference)
        return paragraph

    def save(self) -> bytes:
        buffer = BytesIO()
        self.document.save(buffer)
        parts = {"word/numbering.xml": self._numbering_xml()}
        if self.footnotes:
            parts["word/footnotes.xml"] = self._footnotes_xml()
        return with_parts(buffer.getvalue(), parts)

    def _numbering_xml(self) -> str:
        abstracts = "".join(
            f'<w:abstractNum w:abstractNumId="{index}">'
            + "".join(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="{definition.start}"/>'
                f'<w:numFmt w:val="{definition.format}"/><w:lvlText w:val="{escape(definition.text)}"/></w:lvl>'
                for level, definition in enumerate(levels)
            )
            + "</w:abstractNum>"
            for index, levels in enumerate(self.lists)
        )
        nums = "".join(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            + "".join(
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                for level, start in restart.items()
            )
            + "</w:num>"
            for num_id, (abstract, restart) in enumerate(self.instances, start=1)
        )
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">{abstracts}{nums}</w:numbering>'

    def _footnotes_xml(self) -> str:
        separators = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        )
        notes = "".join(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            for number, text in enumerate(self.footnotes, start=1)
        )
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">{separators}{notes}</w:footnotes>'


def with_parts(data: bytes, parts: dict[str, str]) -> bytes:
    """The .docx with parts added or replaced, declared in [Content_Types].xml and in the
    document's relationships as Word does."""
    buffer = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in parts:
                continue
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = _declare_types(content.decode(), parts).encode()
            elif item.filename == "word/_rels/document.xml.rels":
                content = _declare_relationships(content.decode(), parts).encode()
            target.writestr(item, content)
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


def _declare_types(types: str, parts: dict[str, str]) -> str:
    for name in parts:
        kind = name.removeprefix("word/").removesuffix(".xml")
        if f'PartName="/{name}"' not in types and kind in _PARTS:
            types = types.replace("</Types>", f'<Override PartName="/{name}" ContentType="{_PARTS[kind]}"/></Types>')
    return types


def _declare_relationships(relationships: str, parts: dict[str, str]) -> str:
    for index, name in enumerate(parts):
        target = name.removeprefix("word/")
        kind = target.removesuffix(".xml")
        if f'Target="{target}"' not in relationships and kind in _PARTS:
            relationships = relationships.replace(
                "</Relationships>",
                f'<Relationship Id="rIdTest{index}" Type="{R}/{kind}" Target="{target}"/></Relationships>',
            )
    return relationships
