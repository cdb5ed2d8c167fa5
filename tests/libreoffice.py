"""A DOCX file as LibreOffice (headless) lays it out: converted to PDF, then read back with
poppler's `pdftotext -layout`, which keeps each line's words where the page has them, and
`pdftohtml -xml`, which gives the PDF's outline (made from Word's heading styles, as Word's
navigation pane is).

LibreOffice and poppler are system packages (`libreoffice-writer-nogui`, `poppler-utils`;
.ci/run installs them): without them a test fails, it never skips.
"""

import html
import re
import shutil
import subprocess  # nosec B404: fixed programs, arguments from the tests themselves
from dataclasses import dataclass

import pytest

# Marks pdftotext writes around right-to-left runs; they are not on the page.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_OUTLINE_ITEM = re.compile(r'<item page="\d+">(.*?)</item>')


@dataclass
class Laid:
    pages: list[list[str]]  # each page's lines
    outline: list[str]  # the PDF's bookmarks, in order

    @property
    def lines(self):
        return [line for page in self.pages for line in page]


def program(name, package):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install {package} (.ci/run installs it)")
    return path


def laid_out(data: bytes, folder) -> Laid:
    soffice = program("soffice", "libreoffice-writer-nogui")
    pdftotext = program("pdftotext", "poppler-utils")
    pdftohtml = program("pdftohtml", "poppler-utils")
    (folder / "export.docx").write_bytes(data)
    # A LibreOffice profile of its own: other test runs may be converting at the same time.
    profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
    convert = [
        soffice,
        profile,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(folder / "export.docx"),
    ]
    subprocess.run(convert, check=True, capture_output=True, timeout=120)  # nosec B603
    pdf = str(folder / "export.pdf")
    text = subprocess.run([pdftotext, "-layout", pdf, "-"], check=True, capture_output=True, text=True)  # nosec B603
    outline = subprocess.run([pdftohtml, "-xml", "-i", "-stdout", pdf], check=True, capture_output=True, text=True)  # nosec B603
    pages = [page.split("\n") for page in _BIDI_CONTROLS.sub("", text.stdout).split("\f")]
    return Laid(
        [page for page in pages if any(line.strip() for line in page)],
        [html.unescape(item) for item in _OUTLINE_ITEM.findall(outline.stdout)],
    )
