"""How a view shows a person what a service refused: its ValidationError on the form they
filled in, or as a message on the page a redirect leads to."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError


def add_service_errors(form, error):
    """Show a service's ValidationError on the form: on the field it names when the form has
    that field, otherwise above the form (a dict-shaped error would make add_error raise)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@contextmanager
def service_errors_as_messages(request):
    """Run the block; if a service in it refuses with a ValidationError, the rest of the block
    is skipped and the refusal becomes an error message. For views that answer with a redirect:

        with service_errors_as_messages(request):
            services.comment_withdraw(comment=comment, by=request.user)
            messages.success(request, _("Your comment is withdrawn."))
        return redirect(...)
    """
    try:
        yield
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
