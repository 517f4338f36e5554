"""`make scale-out`: two app instances on one PostgreSQL and one Redis behave as one site.

Starts two gunicorn instances (A and B) of the site with production settings on their own
database (`remigration_scaleout`, recreated with the demo content) and Redis database, then:

1. B serves a news item, the news list and a search that finds the item (and has them in the
   shared page and fragment cache).
2. The item's title is changed and published with Wagtail's revision API in a process with A's
   settings (what A does when an editor presses *Publish*): B serves the new title at once, on
   the item, in the news list, with and without a query string, and in the search.
3. An editor logs in through A's admin: the session cookie works on B (sessions live in the
   shared cache and the database, not in a process).
4. The editor unpublishes the item through A's admin: B answers 404 for it and its search no
   longer finds it.

Exits non-zero at the first check that fails; both instances are stopped in every case.
"""

import argparse
import re
import secrets
import sys
import time
from http.cookies import SimpleCookie

from services import (
    Gunicorn,
    ensure_services,
    environment,
    exit_on_sigterm,
    get,
    log,
    manage,
    recreate_database,
)

NEWS_INDEX = "/lv/aktualitates/"
NEWS = NEWS_INDEX + "koordinatori-palidz-atgriezties/"
SEARCH = "/lv/search/?query=koordinatori"  # finds the news item, before and after the change
EDITOR = "scaleout-editor"


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)
    log(f"ok: {message}")


class Browser:
    """Cookies kept by hand: the site marks them Secure, and these instances speak plain HTTP."""

    def __init__(self):
        self.cookies = {}

    def request(self, url, data=None, referer=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if referer:
            headers["Referer"] = referer
        status, response_headers, body = get(url, headers=headers, data=data)
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, response_headers, body.decode("utf-8", errors="replace")


def token(html):
    """The CSRF token of the form in `html`."""
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise Failed("no CSRF token in the admin form")
    return match.group(1)


def publish_new_title(env, title):
    """Change the news item's title and publish it, as A's publish action does; its page id."""
    slug = NEWS.rstrip("/").rsplit("/", 1)[1]
    script = (
        "from stories.models import NewsPage\n"
        f"page = NewsPage.objects.get(slug={slug!r}, locale__language_code='lv')\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n"
        "print(page.pk)\n"
    )
    return int(manage(env, "shell", "--no-imports", "-c", script, capture=True).split()[-1])


def run_checks(env, a, b, password):
    status, _, _ = get(b.url + NEWS)
    check(status == 200, f"B serves {NEWS}")
    cache = get(b.url + NEWS)[1].get("X-Page-Cache", "none")
    log(f"B's page cache for it: {cache}")
    # The news list as a whole page (page cache) and with a query string (shared fragments).
    for listing in (NEWS_INDEX, NEWS_INDEX + "?page=1", SEARCH):
        check(get(b.url + listing)[0] == 200, f"B serves {listing} (and caches it)")
        get(b.url + listing)
    check(f'href="{NEWS}"' in get(b.url + SEARCH)[2].decode(), f"B's search finds {NEWS}")

    title = f"Koordinatori: scale-out check {secrets.token_hex(4)}"
    page_id = publish_new_title(env, title)
    status, _, body = get(b.url + NEWS)
    check(status == 200 and title in body.decode(), "B serves the title published through A")
    check(title in get(a.url + NEWS)[2].decode(), "A serves it too")
    for listing in (NEWS_INDEX, NEWS_INDEX + "?page=1"):
        check(title in get(b.url + listing)[2].decode(), f"B lists the new title on {listing}")
    check(title in get(b.url + SEARCH)[2].decode(), f"B finds the new title with {SEARCH}")

    check(get(b.url + "/admin/")[0] == 302, "B sends a visitor without a session to the login")
    editor = Browser()
    login = a.url + "/admin/login/"
    status, _, html = editor.request(login)
    check(status == 200, "A shows the admin login")
    form = {"username": EDITOR, "password": password, "csrfmiddlewaretoken": token(html)}
    status, _, _ = editor.request(login, data=form, referer=login)
    check(status == 302 and "sessionid" in editor.cookies, "the editor logs in through A")
    status, _, _ = editor.request(b.url + "/admin/")
    check(status == 200, "B accepts the session made on A (its admin opens without a login)")

    unpublish = f"{a.url}/admin/pages/{page_id}/unpublish/"
    status, _, html = editor.request(unpublish)
    check(status == 200, "A's admin asks to confirm the unpublishing")
    status, _, _ = editor.request(
        unpublish, data={"csrfmiddlewaretoken": token(html)}, referer=unpublish
    )
    check(status == 302, "the editor unpublishes the page through A's admin")
    check(get(b.url + NEWS)[0] == 404, "B no longer serves the unpublished page (404)")
    check(title not in get(b.url + SEARCH)[2].decode(), "B no longer finds it in the search")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="remigration_scaleout")
    parser.add_argument("--redis-db", type=int, default=15)
    args = parser.parse_args()

    exit_on_sigterm()
    ensure_services()
    started = time.monotonic()
    password = secrets.token_urlsafe(16)
    # One secret key for both instances: a deployment shares it, or sessions would not be.
    env = environment(args.database, args.redis_db, DJANGO_SUPERUSER_PASSWORD=password)
    log(f"Creating the database {args.database} with the demo content")
    recreate_database(args.database, args.redis_db)
    manage(env, "migrate", "--no-input", quiet=True)
    manage(env, "load_demo_content")
    manage(env, "createsuperuser", "--no-input", "--username", EDITOR, "--email", "e@example.com")
    manage(env, "collectstatic", "--no-input", quiet=True)
    with Gunicorn(env, workers=1, name="a") as a, Gunicorn(env, workers=1, name="b") as b:
        log(f"Instance A on {a.url}, instance B on {b.url}")
        try:
            run_checks(env, a, b, password)
        except Failed as failure:
            log(f"FAILED: {failure}")
            return 1
    log(f"Two instances, one site: all checks passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
