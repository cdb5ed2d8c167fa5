"""The public read API (django-ninja), mounted at /api/ outside the language prefixes: texts
and consultation data anyone may read, described at /api/openapi.json and /api/docs."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.conf import settings as ninja_settings
from ninja.errors import ValidationError
from ninja.throttling import AnonRateThrottle, UserRateThrottle

from .endpoints import consultation_routes, text_routes


class VisitorThrottle(AnonRateThrottle):
    """Visitors who are not signed in, counted per IP address."""

    def get_cache_key(self, request):
        return None if request.user.is_authenticated else super().get_cache_key(request)

    def get_ident(self, request):
        # Unless told how many proxies stand in front (NINJA_NUM_PROXIES), ninja believes any
        # X-Forwarded-For header, and a visitor could then claim a new address per request.
        if ninja_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR")
        return super().get_ident(request)


class SignedInThrottle(UserRateThrottle):
    """Signed-in people, counted per account (colleagues behind one mission's address do not
    share a limit). The API has no authentication of its own, so ninja's AuthRateThrottle,
    keyed on `request.auth`, would count them per address too."""

    def get_cache_key(self, request):
        return super().get_cache_key(request) if request.user.is_authenticated else None


api = NinjaAPI(
    title="Consultation portal: draft declaration on the right to international solidarity",
    version="1",
    description="Read-only, public data: the texts in the six UN languages, the consultation rounds, "
    'the published public comments and participation figures. Errors are JSON: `{"detail": "…"}`.',
    urls_namespace="api",
    throttle=[VisitorThrottle("120/m"), SignedInThrottle("600/m")],
)
api.add_router("/", text_routes)
api.add_router("/", consultation_routes)


def _describe(error):
    where = ".".join(str(part) for part in error["loc"][1:])  # the first part is "query" or "path"
    return f"{where}: {error['msg']}" if where else error["msg"]


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    # One readable sentence instead of ninja's list of pydantic error objects.
    return api.create_response(request, {"detail": "; ".join(_describe(error) for error in exc.errors)}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)
