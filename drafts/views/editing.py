"""Editing a version in editing: a provision's text (with a split), merging it with the next
one, restoring an earlier revision."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from reversion.models import Version as RevisionRecord

from portal.permissions import require
from portal.service_errors import REFUSALS, add_service_errors, service_errors_as_messages

from .. import redline, services
from ..forms import ProvisionEditForm, RestoreForm
from ..selectors import restore_changes
from .reading import readable_provision


@login_required
def provision_restore(request, slug, number, key, record_id):
    """Shows what the restore brings back (and what it replaces), then restores on confirmation."""
    provision = readable_provision(request, slug, number, key)
    require(request.user, "drafts.restore_revision", provision.version)
    record = get_object_or_404(
        RevisionRecord.objects.get_for_object(provision).select_related("revision__user"), pk=record_id
    )
    form = RestoreForm(request.POST or None, initial={"base_revision": provision.revision})
    if request.method == "POST" and form.is_valid():
        try:
            services.provision_restore(
                provision=provision, revision_record=record, by=request.user, **form.cleaned_data
            )
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The earlier revision was restored as a new revision."))
            return redirect("drafts:provision_history", slug=slug, number=number, key=key)
    context = {"provision": provision, "record": record, "form": form, "changes": restore_changes(provision, record)}
    return render(request, "drafts/provision_restore.html", context)


@login_required
def provision_edit(request, slug, number, key):
    provision = readable_provision(request, slug, number, key)
    require(request.user, "drafts.edit_text", provision.version)
    conflict = None
    if request.method == "POST":
        form = ProvisionEditForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():  # an edit and its split stand or fall together
                    updated = services.provision_update(
                        provision=provision,
                        by=request.user,
                        base_revision=form.cleaned_data["base_revision"],
                        reason=form.cleaned_data["reason"],
                        **form.changes(),
                    )
                    if form.split_language:
                        services.provision_split(
                            provision=updated,
                            by=request.user,
                            language=form.split_language,
                            offset=form.split_offset,
                            new_label=form.cleaned_data["split_label"],
                        )
            except services.EditConflict as error:
                conflict = _conflict_view(error.current, form)
                # Keep what this editor typed; move the base forward so a deliberate re-save wins.
                data = request.POST.copy()
                data["base_revision"] = error.current.revision
                form = ProvisionEditForm(data)
                form.is_valid()
                add_service_errors(form, error)
            except REFUSALS as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("drafts:version", args=[slug, number]) + f"#{key}")
    else:
        form = ProvisionEditForm(initial=ProvisionEditForm.initial_for(provision))
    return render(request, "drafts/provision_edit.html", {"provision": provision, "form": form, "conflict": conflict})


@login_required
@require_POST
def provision_merge(request, slug, number, key):
    provision = readable_provision(request, slug, number, key)
    require(request.user, "drafts.edit_text", provision.version)
    with service_errors_as_messages(request):
        services.provision_merge(provision=provision, by=request.user)
        messages.success(request, _("The next provision was merged into this one."))
    return redirect(reverse("drafts:version", args=[slug, number]) + f"#{key}")


def _conflict_view(current, form):
    """For each language where the other person's text differs from this editor's: a redline."""
    rows = []
    for code, name in settings.LANGUAGES:
        theirs = current.value_in("text", code)
        mine = form.cleaned_data.get(f"text_{code.replace('-', '_')}", "")
        if theirs != mine:
            rows.append(
                {
                    "language": name,
                    "code": code,
                    "theirs": theirs,
                    "redline": redline.render_html(redline.diff(theirs, mine)),
                }
            )
    return rows
