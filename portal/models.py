"""People: users, organizations, their memberships, invitations, the audit log, and the outbox of
every email the portal sends."""

import secrets
from pathlib import Path

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African States")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European States")
    GRULAC = "grulac", _("Latin American and Caribbean States")
    WEOG = "weog", _("Western European and other States")


class OrganizationKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    OBSERVER_STATE = "observer_state", _("Observer State")
    GROUP_OF_STATES = "group_of_states", _("Group of States")
    IGO = "igo", _("Intergovernmental organization")
    UN_ENTITY = "un_entity", _("UN entity")
    SPECIAL_PROCEDURE = "special_procedure", _("Special procedure, treaty body or Advisory Committee")
    NHRI = "nhri", _("National human rights institution")
    NGO = "ngo", _("Non-governmental organization")
    ACADEMIC = "academic", _("Academic institution")
    OTHER = "other", _("Other")

    @classmethod
    def states(cls):
        return [cls.MEMBER_STATE, cls.OBSERVER_STATE]


class EcosocStatus(models.TextChoices):
    GENERAL = "general", _("General consultative status")
    SPECIAL = "special", _("Special consultative status")
    ROSTER = "roster", _("Roster")
    NONE = "none", _("No consultative status")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with an email address; never deleted while they have written anything."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    accreditation_emails = models.BooleanField(_("Email me the decisions on my accreditation"), default=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name

    def has_perm(self, perm, obj=None):
        # The rules in each app's rules.py decide, for everyone: being a superuser is a staff
        # role there like the others (it needs a second factor), not a shortcut past them.
        return self.is_active and rules.has_perm(perm, self, obj)

    def has_module_perms(self, app_label):
        return self.is_active and rules.has_perm(app_label, self)

    def get_short_name(self):
        return self.display_name


class OrganizationQuerySet(models.QuerySet):
    def states(self):
        return self.filter(kind__in=OrganizationKind.states())

    def verified(self):
        return self.filter(verified=True)


class Organization(models.Model):
    """Who speaks: a State, a group of States, a UN entity, an NHRI, an NGO..."""

    name = models.CharField(_("name"), max_length=255)  # translated (see translation.py)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    country = CountryField(_("country"), blank=True)
    regional_group = models.CharField(_("UN regional group"), max_length=20, choices=RegionalGroup.choices, blank=True)
    ecosoc_status = models.CharField(
        _("ECOSOC consultative status"),
        max_length=10,
        choices=EcosocStatus.choices,
        default=EcosocStatus.NONE,
    )
    verified = models.BooleanField(_("verified"), default=False, help_text=_("Checked by the secretariat."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            # One organization per State: the States loader relies on it.
            models.UniqueConstraint(
                fields=["country"],
                condition=models.Q(kind__in=["member_state", "observer_state"]) & ~models.Q(country=""),
                name="one_organization_per_state",
            ),
        ]
        indexes = [models.Index(fields=["kind", "regional_group"])]

    def __str__(self):
        return self.name

    @property
    def is_state(self):
        return self.kind in OrganizationKind.states()


class OrganizationName(models.Model):
    """A name an organization goes by in one of the six languages, one row each: a State's
    official UN name (the one shown, also in `Organization.name_<language>`) and the other
    forms UN documents print, for finding a State from a name written in a document:
    `OrganizationName.objects.filter(language="fr", name="Fédération de Russie")`.
    Written by the States loader from the UN's data (portal/un_names.py), never by hand."""

    # Names are facts about the organization, not anybody's words: they go with it.
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="names", verbose_name=_("organization")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=255)
    official = models.BooleanField(_("official name"), default=False)

    class Meta:
        verbose_name = _("name of an organization")
        verbose_name_plural = _("names of organizations")
        constraints = [
            models.UniqueConstraint(fields=["organization", "language", "name"], name="one_row_per_name"),
        ]
        indexes = [models.Index(fields=["language", "name"])]

    def __str__(self):
        return self.name


class MembershipRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    FOCAL_POINT = "focal_point", _("Focal point")
    MEMBER = "member", _("Member")
    EXPERT = "expert", _("Independent expert (personal capacity)")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    REVOKED = "revoked", _("Revoked")


class MembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MembershipStatus.APPROVED)

    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)

    def active(self):
        """Requests still standing: pending or approved."""
        return self.filter(status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED])


def accreditation_letter_path(membership, filename):
    # The stored name never comes from the uploader: it is fixed, and the extension is the
    # one detected from the content.
    return f"accreditation/{membership.user_id}/{secrets.token_hex(8)}{Path(filename).suffix.lower()}"


class Membership(models.Model):
    """A person's accreditation: to speak for an organization, or as an independent expert
    in their personal capacity (no organization)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.DELEGATE)
    status = models.CharField(
        _("status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    letter = models.FileField(_("letter"), upload_to=accreditation_letter_path, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason"), blank=True, max_length=2000)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_pair"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(organization=None), name="one_expert_membership"
            ),
            models.CheckConstraint(
                condition=models.Q(organization=None, role="expert")
                | (models.Q(organization__isnull=False) & ~models.Q(role="expert")),
                name="experts_have_no_organization",
            ),
        ]
        indexes = [models.Index(fields=["status", "organization"])]

    def __str__(self):
        return f"{self.user} — {self.organization or self.get_role_display()}"

    @property
    def is_expert(self):
        return self.organization_id is None


class Invitation(models.Model):
    """A single-use, expiring link that gives its recipient an approved membership."""

    email = models.EmailField(_("email address"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} — {self.organization or self.get_role_display()}"


class AuditAction(models.TextChoices):
    MEMBERSHIP_REQUESTED = "membership_requested", _("Membership requested")
    MEMBERSHIP_APPROVED = "membership_approved", _("Membership approved")
    MEMBERSHIP_REFUSED = "membership_refused", _("Membership refused")
    MEMBERSHIP_REVOKED = "membership_revoked", _("Membership revoked")
    ORGANIZATION_PROPOSED = "organization_proposed", _("Organization proposed")
    ORGANIZATION_VERIFIED = "organization_verified", _("Organization verified")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    ROLES_CHANGED = "roles_changed", _("Portal roles changed")
    ACCOUNT_CLOSED = "account_closed", _("Account closed")


class AuditEntry(models.Model):
    """Who decided what about whom, and why. Written by services, never edited."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("subject"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organization")
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("membership"),
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class OutgoingEmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")
    ABANDONED = "abandoned", _("Failed too often")


class OutgoingEmail(models.Model):
    """One email of the portal's outbox (portal/outbox.py): queued in the same transaction as its
    cause, sent outside any request, retried until it goes. Either already written (subject and
    body) or written when it is sent, from `template` and `context` (ids of what it is about)."""

    to = models.EmailField(_("to"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("recipient"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=50)
    template = models.CharField(_("template"), max_length=200, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    body = models.TextField(_("body"), blank=True)
    html = models.TextField(_("HTML body"), blank=True)
    # The address of the request that queued it, for links when SITE_URL is not set (development).
    site_url = models.CharField(_("site address"), max_length=200, blank=True)
    # Holds a secret link (an invitation, a password reset): erased once sent, never shown.
    sensitive = models.BooleanField(_("holds a secret link"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=OutgoingEmailStatus.choices, default=OutgoingEmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next try"), default=timezone.now)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} → {self.to}"


class PageGeneration(models.Model):
    """One row: a number that every write changing what a reader's page shows increases, in
    the write's own transaction (portal/page_cache.py). Cached pages are keyed by it, so a
    change makes every cached page stale at once, on every server, without finding keys."""

    number = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("generation of cached pages")
        verbose_name_plural = _("generations of cached pages")

    def __str__(self):
        return str(self.number)
