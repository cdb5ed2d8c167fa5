"""Reading WordprocessingML with lxml, in its transitional and strict namespaces alike."""

from lxml import etree

NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def tags(name: str) -> frozenset[str]:
    """The element name in both namespaces: tags("p") holds "{…/main}p" twice over."""
    return frozenset(f"{{{namespace}}}{name}" for namespace in NAMESPACES)


def local_name(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element, name: str) -> list:
    wanted = tags(name)
    return [child for child in element if child.tag in wanted]


def first(element, name: str):
    if element is None:
        return None
    return next(iter(children(element, name)), None)


def attribute(element, name: str) -> str | None:
    """A w: attribute (w:val, w:id ...) in either namespace."""
    if element is None:
        return None
    for namespace in NAMESPACES:
        value = element.get(f"{{{namespace}}}{name}")
        if value is not None:
            return value
    return None


def parse(data: bytes):
    return etree.fromstring(data, SAFE_PARSER)
