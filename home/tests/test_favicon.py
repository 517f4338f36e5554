"""The site's icon: linked from every page and answered at /favicon.ico."""

import io

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

ICON_LINKS = [
    '<link rel="icon" href="/static/img/favicon.ico" sizes="32x32">',
    '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">',
]


def test_favicon_ico_leads_to_an_icon_not_a_404(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.redirect_chain == [("/static/img/favicon.ico", 302)]
    assert response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as icon:
        assert icon.format == "ICO"


@pytest.mark.parametrize("path", ["/lv/", "/en/", "/lv/nav-tadas/", "/en/no-such/"])
def test_pages_and_error_pages_link_the_icon_in_both_languages(client, home, path):
    html = client.get(path).content.decode()
    for link in ICON_LINKS:
        assert link in html


def test_the_svg_icon_is_served(client):
    response = client.get("/static/img/favicon.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
