from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from consultations.models import Confidentiality
from consultations.selectors import sees_everything
from consultations.services.campaign_decisions import campaign_actions_for
from consultations.services.moderation import moderation_actions_for
from portal.models import RegionalGroup
from portal.templatetags.portal_tags import format_translated, translated

register = template.Library()


@register.simple_tag(takes_context=True)
def attribution(context, comment):
    """Who speaks (in a comment or a written submission), as the reader may know it: anonymous
    contributions show only the kind of organization and its region, except to the secretariat
    and drafters. Names not in the interface language are marked with theirs; a person's name
    and a note are isolated."""
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
        name = format_html("<bdi>{}</bdi>", comment.author.display_name)
        return format_translated(_("%(name)s (independent expert, personal capacity)"), name=name)
    cosigners = [c.organization for c in getattr(comment, "confirmed_cosignatures", [])]
    names = [translated(organization, "name")] + [translated(cosigner, "name") for cosigner in cosigners]
    speaker = (
        names[0]
        if len(names) == 1
        else format_translated(
            _("%(first)s, jointly with %(others)s"),
            first=names[0],
            others=format_html(", ".join(["{}"] * (len(names) - 1)), *names[1:]),
        )
    )
    if getattr(comment, "on_behalf_note", ""):
        speaker = format_html("{}, <bdi>{}</bdi>", speaker, comment.on_behalf_note)
    return speaker


@register.filter
def moderation_actions(item):
    """The decisions a moderator can take on an item, as (action, label)."""
    return moderation_actions_for(item)


@register.filter
def campaign_actions(comment):
    """The decisions a moderator can take on the campaign a queue item stands for."""
    return campaign_actions_for([comment.state])


@register.filter
def counted_limit(field):
    """The length a field's text is counted against as one types (forms.counted_textarea), or None."""
    return field.field.widget.attrs.get("data-max-length")


@register.filter
def text_in(provision, language):
    """A provision's words in exactly `language` (never another language's)."""
    return provision.value_in("text", language)
