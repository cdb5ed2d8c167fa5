"""Accreditation: requests, decisions by the secretariat and focal points, invitations, audit."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rules as portal_rules
from .. import selectors, services
from ..forms import DecisionForm, InvitationForm, MembershipRequestForm
from ..models import Membership, Organization
from ..permissions import require
from ..service_errors import REFUSALS, add_service_errors, service_errors_as_messages


@login_required
def membership_request(request):
    require(request.user, "portal.request_membership")
    form = MembershipRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_organization = None
        if data["new_organization_name"]:
            new_organization = {
                "name": data["new_organization_name"],
                "kind": data["new_organization_kind"],
                "acronym": data["new_organization_acronym"],
            }
        try:
            services.membership_request(
                user=request.user,
                role=data["role"],
                organization=data["organization"],
                new_organization=new_organization,
                note=data["note"],
                letter=data["letter"],
            )
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent. You will be told of the decision."))
            return redirect("profile")
    return render(request, "portal/membership_request.html", {"form": form})


@login_required
def pending_requests(request):
    require(request.user, "portal.view_pending_requests")
    is_secretariat = portal_rules.is_secretariat(request.user)  # a role without MFA counts for nothing
    return render(
        request,
        "portal/pending_requests.html",
        {
            "requests": selectors.pending_requests_for(request.user, is_secretariat=is_secretariat),
            "unverified": selectors.unverified_organizations() if is_secretariat else [],
            "organizations": selectors.focal_point_organizations(request.user),
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def membership_decide(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("organization", "user"), pk=pk)
    require(request.user, "portal.decide_membership", membership)
    back = (
        reverse("organization_members", args=[membership.organization_id])
        if request.POST.get("back") == "members" and membership.organization_id
        else reverse("pending_requests")
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(back)
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    with service_errors_as_messages(request):
        if decision == "revoke":
            services.membership_revoke(membership=membership, by=request.user, reason=reason)
        else:
            services.membership_decide(
                membership=membership, by=request.user, approve=decision == "approve", reason=reason
            )
        messages.success(request, _("Decision recorded for %(person)s.") % {"person": membership.user})
    return redirect(back)


@login_required
def organization_members(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    require(request.user, "portal.view_pending_requests", organization)
    return render(
        request,
        "portal/organization_members.html",
        {"organization": organization, "members": selectors.organization_members(organization), "form": DecisionForm()},
    )


@login_required
@require_POST
def organization_verify(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    require(request.user, "portal.verify_organization")
    services.organization_verify(organization=organization, by=request.user)
    messages.success(request, _("%(organization)s is verified.") % {"organization": organization})
    return redirect("pending_requests")


@login_required
def invitations(request):
    require(request.user, "portal.invite")
    form = InvitationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = services.invitation_create(by=request.user, **form.cleaned_data)
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            link = request.build_absolute_uri(reverse("invitation_accept", args=[token]))
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link, valid once: %(link)s")
                % {"email": invitation.email, "link": link},
            )
            return redirect("invitations")
    return render(
        request,
        "portal/invitations.html",
        {"form": form, "invitations": selectors.recent_invitations(), "days": settings.INVITATION_VALID_DAYS},
    )


def invitation_accept(request, token):
    try:
        invitation = services.invitation_for_token(token)
        if request.method == "POST" and request.user.is_authenticated:
            services.invitation_accept(token=token, user=request.user)
            messages.success(request, _("Welcome. Your accreditation is active."))
            return redirect("profile")
    except ValidationError as error:  # an unknown, used or expired invitation
        return render(request, "portal/invitation_accept.html", {"error": " ".join(error.messages)}, status=400)
    return render(request, "portal/invitation_accept.html", {"invitation": invitation})


@login_required
def audit_log(request):
    require(request.user, "portal.view_audit")
    return render(request, "portal/audit_log.html", {"entries": selectors.audit_log()})
