"""A person's sessions (My account → Sessions) say from where and when each was last used, so that
a stolen session can be spotted and ended. allauth's own middleware records that with a read and
a write of the session's row on every request, a good part of the cost of posting a comment.
This records it when the address or the browser changes, and otherwise once per interval: as
exact as a person reading the list needs, at a fraction of the statements."""

import hashlib
import time

from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession

ACTIVITY_INTERVAL_SECONDS = 300
SEEN = "_portal_session_seen"  # [client fingerprint, time recorded]


def client_fingerprint(request):
    client = f"{get_adapter().get_client_ip(request)}\n{request.META.get('HTTP_USER_AGENT', '')}"
    return hashlib.sha256(client.encode()).hexdigest()[:32]


class SessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.session.session_key:
            fingerprint, now = client_fingerprint(request), int(time.time())
            seen = request.session.get(SEEN)
            if not seen or seen[0] != fingerprint or now - seen[1] >= ACTIVITY_INTERVAL_SECONDS:
                UserSession.objects.create_from_request(request)
                request.session[SEEN] = [fingerprint, now]
        return self.get_response(request)
