from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import get_language

from .outbox import email_queue


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language the person signed up in is the language we write to them in.
        language = get_language()
        if language in settings.LANGUAGE_CODES:
            user.preferred_language = language
        user.display_name = form.cleaned_data.get("display_name", "") or user.display_name
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        """Staff land on their work: the secretariat on its console, drafters on their own page
        of the drafting workspace; everyone else on their account (an explicit `next` still wins)."""
        user = request.user
        if user.has_perm("consultations.moderate"):
            return reverse("consultations:console")
        if user.has_perm("drafts.edit_text"):
            return reverse("drafting_home")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (address confirmation, password reset, …) go through the portal's
        outbox like every other: tried as soon as the transaction commits, retried if sending
        fails, and erased once sent (they hold secret links). allauth writes them (its templates,
        links from the request's address); the outbox only carries them."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        email_queue(
            to=email,
            language=get_language(),
            kind=template_prefix.rsplit("/", 1)[-1],
            subject=message.subject,
            body=message.body,
            html=html,
            sensitive=True,
            send_now=True,
        )

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed sign-ins per address ("key"); the address alone would let anyone
        # lock a delegate out with five wrong passwords. Counted per address *and* client, only
        # the one guessing is stopped, and a password reset clears the owner's own count (allauth
        # clears this same key when a reset succeeds).
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"
