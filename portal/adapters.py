from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.utils.translation import get_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language the person signed up in is the language we write to them in.
        language = get_language()
        if language in settings.LANGUAGE_CODES:
            user.preferred_language = language
        user.display_name = form.cleaned_data.get("display_name", "") or user.display_name
        return super().save_user(request, user, form, commit=commit)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed sign-ins per address ("key"); the address alone would let anyone
        # lock a delegate out with five wrong passwords. Counted per address *and* client, only
        # the one guessing is stopped, and a password reset clears the owner's own count (allauth
        # clears this same key when a reset succeeds).
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"
