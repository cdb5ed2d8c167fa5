"""The drafting workspace: the drafters' own page (the versions in editing) and, around a
version, adding and moving a provision, its particulars (label, title, symbol, date…),
publishing it (with its label and changelog, after seeing what will be frozen), a new version
from it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.service_errors import REFUSALS, add_service_errors

from .. import selectors, services
from ..forms import AddForm, MoveForm, NewVersionForm, ParticularsForm, PublishForm
from ..selectors.workspace import instruments_with_published_versions, versions_in_editing
from ..services.versions import PARTICULARS, ParticularsConflict, missing_languages, particulars_stamp
from .reading import readable_provision, readable_version


@login_required
def drafting_home(request):
    """Where drafters land after signing in: the versions in editing, and where to start one."""
    require(request.user, "drafts.edit_text")
    return render(
        request,
        "drafts/drafting_home.html",
        {"in_editing": versions_in_editing(), "instruments": instruments_with_published_versions()},
    )


@login_required
def provision_move(request, slug, number, key):
    provision = readable_provision(request, slug, number, key)
    require(request.user, "drafts.edit_text", provision.version)
    provisions = list(provision.version.provisions.order_by("position"))
    form = MoveForm(request.POST or None, provisions=provisions, initial={"base_revision": provision.revision})
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.provision_move(
                provision=provision,
                by=request.user,
                where=form.cleaned_data["where"],
                target=form.cleaned_data["target"],
                keep_numbers=form.cleaned_data["keep_numbers"],
                base_revision=form.cleaned_data["base_revision"],
            )
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Moved; it is now %(label)s.") % {"label": moved.label})
            return redirect(reverse("drafts:version", args=[slug, number]) + f"#{key}")
    return render(request, "drafts/provision_move.html", {"provision": provision, "form": form})


@login_required
def provision_add(request, slug, number, key):
    after = readable_provision(request, slug, number, key)
    require(request.user, "drafts.edit_text", after.version)
    form = AddForm(request.POST or None, initial={"kind": after.kind, "language": after.version.original_language})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.provision_add(
                after=after,
                by=request.user,
                kind=data["kind"],
                texts={data["language"]: data["text"]},
                keep_numbers=data["keep_numbers"],
            )
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Added as %(label)s.") % {"label": added.label})
            return redirect(reverse("drafts:version", args=[slug, number]) + f"#{added.key}")
    return render(request, "drafts/provision_add.html", {"provision": after, "form": form})


@login_required
def version_publish(request, slug, number):
    version = readable_version(request, slug, number)
    require(request.user, "drafts.publish_version", version)
    language = version.original_language
    initial = {"label": version.value_in("label", language), "changelog": version.value_in("changelog", language)}
    form = PublishForm(request.POST or None, initial=initial)
    missing = missing_languages(version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_publish(version=version, by=request.user, language=language, **form.cleaned_data)
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Version %(number)s is published and can no longer change.") % {"number": number}
            )
            return redirect("drafts:version", slug=slug, number=number)
    return render(
        request,
        "drafts/version_publish.html",
        {
            "version": version,
            "form": form,
            "missing": missing,
            "count": version.provisions.count(),
            "status": selectors.translation_status(version),
            "superseded": version.instrument.versions.filter(status="published").exclude(pk=version.pk).first(),
        },
    )


@login_required
def version_new(request, slug, number):
    version = readable_version(request, slug, number)
    require(request.user, "drafts.edit_text")
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                new = services.version_copy(version=version, by=request.user, label=form.cleaned_data["label"])
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Version %(number)s is ready for editing.") % {"number": new.number})
            return redirect("drafts:version", slug=slug, number=new.number)
    return render(request, "drafts/version_new.html", {"version": version, "form": form})


@login_required
def version_particulars(request, slug, number):
    """Label, title and changelog in six languages, symbol and date of a version in editing."""
    version = readable_version(request, slug, number)
    require(request.user, "drafts.edit_text", version)
    form = ParticularsForm(
        request.POST or None, initial=ParticularsForm.initial_for(version, particulars_stamp(version))
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.version_update(
                version=version, by=request.user, base=data["base"], reason=data["reason"], **form.changes()
            )
        except ParticularsConflict as error:
            form = _theirs_beside_yours(request.POST, error)
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The version's particulars are saved."))
            return redirect("drafts:version", slug=slug, number=number)
    return render(request, "drafts/version_particulars.html", {"version": version, "form": form})


def _theirs_beside_yours(posted, conflict):
    """The form as this editor filled it in, its base moved forward so that saving again wins,
    with what the other person saved under each field where it differs."""
    data = posted.copy()
    data["base"] = particulars_stamp(conflict.current)
    form = ParticularsForm(data)
    form.is_valid()
    add_service_errors(form, conflict)
    for name in PARTICULARS:
        theirs = getattr(conflict.current, name) or ""
        if name in form.cleaned_data and (form.cleaned_data[name] or "") != theirs:
            form.add_error(name, _("Saved meanwhile: “%(value)s”") % {"value": theirs})
    return form
