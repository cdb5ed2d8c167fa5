"""What the notification emails show, looked up when they are written (the item may have changed
since they were queued)."""

from django.urls import reverse

from drafts.models import Version

from ..models import Comment, CoSignature, ModerationDecision, Round


def notification_email_context(*, data: dict, site_url: str) -> dict:
    """The objects behind the ids a notification was queued with, and the link it gives; plain
    values (a tracking number) pass as they are."""
    context = dict(data)
    if "decision" in data:
        decision = ModerationDecision.objects.select_related("reason", "comment__round", "submission__round").get(
            pk=data["decision"]
        )
        context["decision"] = decision
        context["item"] = decision.comment or decision.submission
        context["url"] = site_url + reverse("consultations:my_contributions")
    if "comment" in data:
        reply = Comment.objects.select_related("round", "provision", "organization").get(pk=data["comment"])
        context["reply"] = reply
        context["url"] = site_url + reverse(
            "consultations:provision_comments",
            args=[reply.round_id, reply.provision.key if reply.provision else "general"],
        )
    if "cosignature" in data:
        context["cosignature"] = CoSignature.objects.select_related("comment__organization", "organization").get(
            pk=data["cosignature"]
        )
        context["url"] = site_url + reverse("consultations:my_contributions")
    if "version" in data:
        version = Version.objects.select_related("instrument").get(pk=data["version"])
        context["version"] = version
        context["url"] = site_url + reverse("drafts:version", args=[version.instrument.slug, version.number])
    if "round" in data:
        round = Round.objects.get(pk=data["round"])
        context["round"] = round
        context["url"] = site_url + reverse("consultations:round", args=[round.pk])
    return context
