from allauth.account.adapter import DefaultAccountAdapter
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
