"""How a view shows a person what a service refused: its ValidationError (bad input) or
PermissionDenied (not allowed, or not now: portal/permissions.py gives the reason) on the form
they filled in, so that nothing they typed is lost; or, for a button that answers with a
redirect, a ValidationError as a message on the next page (a PermissionDenied is a 403 page
with its reason)."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

REFUSALS = (ValidationError, PermissionDenied)


def as_validation_error(error):
    return error if isinstance(error, ValidationError) else ValidationError(str(error), code="permission")


def add_service_errors(form, error):
    """Show a service's refusal on the form: on the field it names when the form has that
    field, otherwise above the form (a dict-shaped error would make add_error raise)."""
    error = as_validation_error(error)
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@contextmanager
def service_errors_as_messages(request):
    """Run the block; if a service in it refuses the input (ValidationError), the rest of the
    block is skipped and the refusal becomes an error message. A PermissionDenied goes on: the
    person gets the 403 page, with its reason. For views that answer with a redirect:

        with service_errors_as_messages(request):
            services.comment_withdraw(comment=comment, by=request.user)
            messages.success(request, _("Your comment is withdrawn."))
        return redirect(...)
    """
    try:
        yield
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
