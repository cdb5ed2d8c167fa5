"""Writes about people and organizations."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import (
    AuditAction,
    AuditEntry,
    Invitation,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationName,
    User,
)
from .outbox import email_queue
from .permissions import require
from .text_checks import clean_field, clean_text
from .translated import column
from .un_names import name_columns, names_of, sync_names
from .un_states import MEMBER_STATES, OBSERVER_STATES
from .uploads import check_document


@transaction.atomic
def states_load():
    """Create or refresh an organization for every UN Member and observer State, with the UN's
    names in the six languages (portal/un_names.py) and the other forms of those names.
    Running it again changes nothing that is already right. Returns (created, updated).
    """
    created = updated = 0
    wanted = [(code, group, OrganizationKind.MEMBER_STATE) for code, group in MEMBER_STATES.items()]
    wanted += [(code, group, OrganizationKind.OBSERVER_STATE) for code, group in OBSERVER_STATES.items()]
    existing = {org.country.code: org for org in Organization.objects.states()}
    for code, group, kind in wanted:
        country = names_of(code)
        values = {"kind": kind, "regional_group": group or "", "verified": True, **name_columns(country)}
        org = existing.get(code)
        if org is None:
            org = Organization.objects.create(country=code, **values)
            created += 1
            sync_names(org, country, OrganizationName)
            continue
        changed = any(getattr(org, field) != value for field, value in values.items())
        if changed:
            for field, value in values.items():
                setattr(org, field, value)
            org.save()
        if sync_names(org, country, OrganizationName) or changed:
            updated += 1
    return created, updated


# --- Accreditation -----------------------------------------------------------------------


def audit_record(*, actor, action, subject=None, organization=None, membership=None, reason="", **details):
    return AuditEntry.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        subject=subject,
        organization=organization,
        membership=membership,
        reason=reason,
        details=details,
    )


def _store_letter(membership, letter):
    if letter:
        extension = check_document(letter)
        membership.letter.save(f"letter{extension}", letter, save=False)


@transaction.atomic
def membership_request(*, user, role, organization=None, new_organization=None, note="", letter=None) -> Membership:
    """Ask to speak for a verified organization, for a newly proposed one, or (role=expert)
    in one's personal capacity. The secretariat or a focal point decides later."""
    require(user, "portal.request_membership")
    if organization is not None and new_organization:
        raise ValidationError(_("Choose an organization or propose a new one, not both."))
    if role == MembershipRole.EXPERT:
        if organization is not None or new_organization:
            raise ValidationError(
                _("Independent experts take part in their personal capacity: choose no organization.")
            )
    elif new_organization:
        organization = Organization(kind=new_organization["kind"], verified=False)
        clean_field(organization, "name", new_organization["name"])
        clean_field(organization, "acronym", new_organization.get("acronym", ""), required=False)
        organization.name_en = organization.name
        setattr(organization, column("name", translation.get_language() or "en"), organization.name)
        if organization.kind in OrganizationKind.states():
            raise ValidationError(_("States are already in the directory: choose yours from the list."))
        organization.full_clean()
        organization.save()
        audit_record(actor=user, action=AuditAction.ORGANIZATION_PROPOSED, organization=organization, subject=user)
    elif organization is None:
        raise ValidationError(_("Choose an organization, or propose a new one."))
    elif not Organization.objects.filter(pk=organization.pk, verified=True).exists():
        raise ValidationError(_("This organization is not in the directory of verified organizations."))

    existing = Membership.objects.filter(user=user, organization=organization).first()
    if existing and existing.status in (MembershipStatus.PENDING, MembershipStatus.APPROVED):
        raise ValidationError(
            _("You already have a request or membership for %(organization)s (%(status)s).")
            % {"organization": organization or _("personal capacity"), "status": existing.get_status_display().lower()}
        )
    membership = existing or Membership(user=user, organization=organization)
    membership.role = role
    membership.status = MembershipStatus.PENDING
    clean_field(membership, "note", note, required=False)
    membership.requested_at = timezone.now()
    membership.decided_at = membership.decided_by = None
    membership.decision_reason = ""
    _store_letter(membership, letter)
    membership.full_clean(exclude=["user", "organization", "letter"])
    membership.save()
    audit_record(
        actor=user,
        action=AuditAction.MEMBERSHIP_REQUESTED,
        subject=user,
        organization=organization,
        membership=membership,
        reason=note,
    )
    return membership


_REASON_LENGTH = Membership._meta.get_field("decision_reason").max_length


@transaction.atomic
def membership_decide(*, membership, by, approve, reason="") -> Membership:
    """Approve or refuse a pending request. A stale decision (already decided) is refused."""
    membership = (
        Membership.objects.select_for_update(of=("self",)).select_related("organization", "user").get(pk=membership.pk)
    )
    require(by, "portal.decide_membership", membership)
    if not approve and not (reason or "").strip():
        raise ValidationError(_("Give a reason for the refusal: the person will see it."))
    reason = clean_text(reason, field_name="decision_reason", max_length=_REASON_LENGTH, required=False)
    if membership.organization and not membership.organization.verified and approve:
        raise ValidationError(_("Verify the organization before approving its members."))
    new_status = MembershipStatus.APPROVED if approve else MembershipStatus.REFUSED
    updated = Membership.objects.filter(pk=membership.pk, status=MembershipStatus.PENDING).update(
        status=new_status, decided_at=timezone.now(), decided_by=by, decision_reason=reason
    )
    if not updated:
        raise ValidationError(
            _("This request was already decided (%(status)s).") % {"status": membership.get_status_display().lower()},
            code="already_decided",
        )
    return _decision_recorded(
        membership, by, AuditAction.MEMBERSHIP_APPROVED if approve else AuditAction.MEMBERSHIP_REFUSED, reason
    )


@transaction.atomic
def membership_revoke(*, membership, by, reason) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",)).select_related("organization", "user").get(pk=membership.pk)
    )
    require(by, "portal.decide_membership", membership)
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason for revoking: the person will see it."))
    reason = clean_text(reason, field_name="decision_reason", max_length=_REASON_LENGTH)
    updated = Membership.objects.filter(pk=membership.pk, status=MembershipStatus.APPROVED).update(
        status=MembershipStatus.REVOKED, decided_at=timezone.now(), decided_by=by, decision_reason=reason
    )
    if not updated:
        raise ValidationError(_("Only an approved membership can be revoked."), code="not_approved")
    return _decision_recorded(membership, by, AuditAction.MEMBERSHIP_REVOKED, reason)


def _decision_recorded(membership, by, action, reason) -> Membership:
    """After an approval, a refusal or a revocation: the audit log, and the person told in their
    language unless they chose not to be (their profile)."""
    membership.refresh_from_db()
    audit_record(
        actor=by,
        action=action,
        subject=membership.user,
        organization=membership.organization,
        membership=membership,
        reason=reason,
    )
    person = membership.user
    if person.is_active and person.accreditation_emails:
        email_queue(
            to=person.email,
            recipient=person,
            language=person.preferred_language,
            kind="accreditation",
            template="portal/email/accreditation",
            context={"membership": membership.pk, "status": membership.status, "reason": membership.decision_reason},
        )
    return membership


@transaction.atomic
def organization_verify(*, organization, by) -> Organization:
    require(by, "portal.verify_organization")
    Organization.objects.filter(pk=organization.pk).update(verified=True)
    organization.refresh_from_db()
    audit_record(actor=by, action=AuditAction.ORGANIZATION_VERIFIED, organization=organization)
    return organization


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, by, email, role, organization=None, language="") -> tuple[Invitation, str]:
    """Returns the invitation and its secret token (only its hash is stored, and the email that
    carries it is erased from the outbox once sent). The email is written in `language` (by
    default the inviter's)."""
    require(by, "portal.invite")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _(
                "%(email)s already has an account: ask them to request the membership from their profile, then approve it."
            )
            % {"email": email},
            code="registered",
        )
    if (role == MembershipRole.EXPERT) != (organization is None):
        raise ValidationError(_("An independent expert is invited without an organization; everyone else with one."))
    if organization is not None and not organization.verified:
        raise ValidationError(_("This organization is not in the directory of verified organizations."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        organization=organization,
        role=role,
        token_hash=_token_hash(token),
        created_by=by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit_record(actor=by, action=AuditAction.INVITATION_SENT, organization=organization, email=email, role=role)
    email_queue(
        to=email,
        language=language or translation.get_language(),
        kind="invitation",
        template="portal/email/invitation",
        context={"invitation": invitation.pk, "token": token},
        sensitive=True,
        send_now=True,
    )
    return invitation, token


def invitation_for_token(token):
    """The invitation behind a link, or a ValidationError saying why it cannot be used."""
    invitation = Invitation.objects.select_related("organization").filter(token_hash=_token_hash(token or "")).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired: ask the secretariat for a new one."), code="expired")
    return invitation


@transaction.atomic
def invitation_accept(*, token, user) -> Membership:
    invitation = invitation_for_token(token)
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to another address. Sign in with %(email)s to accept it.")
            % {"email": invitation.email},
            code="wrong_user",
        )
    # Single use even under a double click: only one UPDATE can find it unaccepted.
    if not Invitation.objects.filter(pk=invitation.pk, accepted_at=None).update(
        accepted_at=timezone.now(), accepted_by=user
    ):
        raise ValidationError(_("This invitation has already been used."), code="used")
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organization=invitation.organization,
        defaults={
            "role": invitation.role,
            "status": MembershipStatus.APPROVED,
            "decided_at": timezone.now(),
            "decided_by": invitation.created_by,
            "decision_reason": _("Invited by the secretariat"),
        },
    )
    audit_record(
        actor=user,
        action=AuditAction.INVITATION_ACCEPTED,
        subject=user,
        organization=invitation.organization,
        membership=membership,
    )
    return membership


@transaction.atomic
def profile_update(*, user, display_name, preferred_language, accreditation_emails=True) -> User:
    clean_field(user, "display_name", display_name)
    user.preferred_language = preferred_language
    user.accreditation_emails = accreditation_emails
    user.full_clean()
    user.save(update_fields=["display_name", "preferred_language", "accreditation_emails"])
    return user


@transaction.atomic
def account_close(*, user, reason="") -> None:
    """Anonymize and deactivate. What the person wrote stays, attributed to its organization;
    the person's name and address are gone. Memberships are revoked, not deleted."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    Membership.objects.filter(user=user, status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED]).update(
        status=MembershipStatus.REVOKED, decided_at=timezone.now(), decision_reason=_("Account closed")
    )
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    UserSession.objects.filter(user=user).delete()
    user.email = f"closed-{user.pk}-{secrets.token_hex(4)}@invalid"
    user.display_name = _("Former participant")
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    audit_record(actor=None, action=AuditAction.ACCOUNT_CLOSED, subject=user, reason=reason)
