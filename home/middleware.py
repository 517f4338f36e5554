"""Remember the language a visitor reads in, so that "/" takes them back to it next time."""

from django.conf import settings
from django.utils.translation import get_language_from_path


class RememberLanguageMiddleware:
    """Set the language cookie when a page is read in a language other than the remembered one.

    LocaleMiddleware redirects "/" using this cookie before Accept-Language, so a visitor who
    switched to English is sent to /en/ on their next visit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if (
            language
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
