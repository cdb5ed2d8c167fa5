"""How many comments each provision has: kept up to date by every write, so that the version
page reads about one row per provision instead of counting every comment."""

__all__ = ["CommentCount"]

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from drafts.models import Provision, Version


class CommentCount(models.Model):
    """Top-level comments that are not withdrawn, per version, provision (empty: general
    comments), position, and whether the public sees them (published, not secretariat-only).
    Written only by consultations.services.counts; tests/consultations/test_counts.py checks that it
    always equals a count of the comments themselves."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="+", verbose_name=_("version"))
    provision = models.ForeignKey(
        Provision, on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("provision")
    )
    position = models.CharField(_("position"), max_length=8)
    public = models.BooleanField(_("public"))
    n = models.IntegerField(_("number of comments"), default=0)

    class Meta:
        verbose_name = _("comment count")
        verbose_name_plural = _("comment counts")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "provision", "position", "public"],
                condition=Q(provision__isnull=False),
                name="one_count_per_provision",
            ),
            models.UniqueConstraint(
                fields=["version", "position", "public"],
                condition=Q(provision__isnull=True),
                name="one_count_per_general",
            ),
        ]

    def __str__(self):
        return (
            f"{self.version_id}/{self.provision_id}/{self.position}/{'public' if self.public else 'hidden'}: {self.n}"
        )
