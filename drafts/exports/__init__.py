"""Exports of the texts: a version in any of the six languages as DOCX, print HTML or Akoma Ntoso
XML, and a comparison of two versions as Akoma Ntoso with <ins>/<del>."""

from .akn import version_akn, version_compare_akn
from .akn_schema import validate_akn
from .docx import version_docx
from .html import version_html

__all__ = ["validate_akn", "version_akn", "version_compare_akn", "version_docx", "version_html"]
