from django import template
from django.utils.translation import gettext as _

from consultations.models import Confidentiality
from consultations.selectors import sees_everything
from consultations.services.moderation import TRANSITIONS
from portal.models import RegionalGroup

register = template.Library()


@register.simple_tag(takes_context=True)
def attribution(context, comment):
    """Who speaks (in a comment or a written submission), as the reader may know it: anonymous
    contributions show only the kind of organization and its region, except to the secretariat
    and drafters."""
    reader = context["request"].user
    organization = comment.organization
    if (
        comment.confidentiality == Confidentiality.ANONYMOUS
        and not sees_everything(reader)
        and comment.author_id != reader.pk
    ):
        if organization is None:
            return _("An independent expert")
        region = dict(RegionalGroup.choices).get(organization.regional_group)
        kind = organization.get_kind_display()
        return _("%(kind)s (%(region)s)") % {"kind": kind, "region": region} if region else kind
    if organization is None:
        return _("%(name)s (independent expert, personal capacity)") % {"name": comment.author.display_name}
    names = [str(organization)] + [str(c.organization) for c in getattr(comment, "confirmed_cosignatures", [])]
    speaker = (
        names[0]
        if len(names) == 1
        else _("%(first)s, jointly with %(others)s") % {"first": names[0], "others": ", ".join(names[1:])}
    )
    if getattr(comment, "on_behalf_note", ""):
        speaker = f"{speaker}, {comment.on_behalf_note}"
    return speaker


@register.filter
def moderation_actions(state):
    """The decisions a moderator can take on an item in `state`, as (action, label)."""
    return [(action.value, action.label) for action, (allowed, _to, _reason) in TRANSITIONS.items() if state in allowed]


@register.filter
def counted_limit(field):
    """The length a field's text is counted against as one types (forms.counted_textarea), or None."""
    return field.field.widget.attrs.get("data-max-length")


@register.filter
def text_in(provision, language):
    """A provision's words in exactly `language` (never another language's)."""
    return provision.value_in("text", language)
