"""What user text must look like before it is stored: never silently truncated or altered.
Shared by every service that stores what a person typed (names, notes, comments, reasons)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Bidi embedding/override/isolate controls can make text read differently from what is stored
# (the "Trojan Source" trick). Letter marks (LRM, RLM, ALM), ZWJ and ZWNJ are legitimate in
# Arabic and Persian writing and are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Trimmed at both ends: Unicode's white space. (str.strip() would also drop the separators
# U+001C-U+001F, controls that are refused like the others, not silently removed.)
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def clean_text(value, *, field_name, max_length, required=True):
    """Normalize line endings and edges; refuse what cannot be stored faithfully."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip(_WHITE_SPACE)
    if required and not text:
        raise ValidationError({field_name: _("This text is empty.")}, code="empty")
    if _FORBIDDEN_CONTROLS.search(text):
        raise ValidationError(
            {
                field_name: _(
                    "The text contains invisible control characters (such as null bytes). Remove them and try again."
                )
            },
            code="control",
        )
    if _BIDI_CONTROLS.search(text):
        raise ValidationError(
            {
                field_name: _(
                    "The text contains invisible direction-override characters, which can make it read differently from what is stored. Remove them and try again."
                )
            },
            code="bidi",
        )
    if len(text) > max_length:
        raise ValidationError(
            {
                field_name: _(
                    "The text is %(length)s characters long; the limit is %(limit)s. Nothing was cut: shorten it, or send a written submission."
                )
                % {"length": len(text), "limit": max_length}
            },
            code="too_long",
        )
    return unicodedata.normalize("NFC", text)


def has_control_characters(text):
    """NUL and other C0 controls: PostgreSQL cannot store NUL, and none belongs in a text."""
    return bool(_FORBIDDEN_CONTROLS.search(text or ""))


def clean_field(instance, field_name, value, *, required=True):
    """clean_text() with the model field's own length limit, stored on the instance."""
    max_length = instance._meta.get_field(field_name).max_length
    setattr(instance, field_name, clean_text(value, field_name=field_name, max_length=max_length, required=required))
