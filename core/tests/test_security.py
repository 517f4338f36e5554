"""Security headers on every kind of response, and limits on what editors may upload."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail_factories import DocumentFactory

PUBLIC_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}


def policy(response):
    """The Content-Security-Policy header as {directive: sources}."""
    directives = (
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return {name: (rest[0] if rest else "") for name, *rest in directives}


def assert_security_headers(response, directives=PUBLIC_DIRECTIVES):
    found = policy(response)
    for name, sources in directives.items():
        assert found[name] == sources, name
    scripts = found.get("script-src", found["default-src"])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]


def test_a_page_carries_the_strict_policy(client, home):
    response = client.get("/lv/")
    assert response.status_code == 200
    assert_security_headers(response)
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_page_has_no_inline_script_or_style_the_policy_would_block(client, region_tree):
    """JSON-LD is data, not script; anything else inline would be blocked by the policy."""
    html = client.get("/en/regions/zemgale/").content.decode()
    assert "<style" not in html
    assert " style=" not in html
    scripts = html.split("<script")[1:]
    assert all(
        'type="application/ld+json"' in script.split(">", 1)[0]
        or " src=" in script.split(">", 1)[0]
        for script in scripts
    )


def test_a_404_carries_the_strict_policy(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_a_static_file_served_by_whitenoise_carries_the_headers(client):
    response = client.get("/static/css/main.css")
    assert response.status_code == 200
    assert response.streaming  # served by whitenoise, not a view
    assert_security_headers(response)


def test_a_document_download_carries_the_headers(client, home, media_on_disk):
    """Wagtail sets an even stricter policy on documents (nothing may run): it is kept."""
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 guide"
    assert_security_headers(response, {"default-src": "'none'"})


def test_health_endpoints_carry_the_headers(client, db):
    assert_security_headers(client.get("/health/live"))


def test_the_admin_gets_the_policy_wagtails_admin_needs(client, admin_user):
    """Wagtail's admin writes inline scripts (inline panels, date pickers): allowed there only."""
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    found = policy(response)
    assert "'unsafe-inline'" in found["script-src"]
    assert found["frame-ancestors"] == "'self'"
    assert found["object-src"] == "'none'"


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def test_svg_images_are_refused(editor, media_on_disk):
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    response = editor.post(
        reverse("wagtailimages:add"), {"title": "Logo", "file": svg, "collection": 1}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_documents_of_other_types_are_refused(editor, media_on_disk):
    page = SimpleUploadedFile("page.html", b"<script>alert(1)</script>")
    response = editor.post(
        reverse("wagtaildocs:add"), {"title": "Page", "file": page, "collection": 1}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_documents_over_the_size_limit_are_refused(editor, media_on_disk, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    big = SimpleUploadedFile("report.pdf", b"%PDF-1.4" + b"0" * 2048)
    response = editor.post(
        reverse("wagtaildocs:add"), {"title": "Report", "file": big, "collection": 1}
    )
    assert response.status_code == 200
    assert "file_too_large" in [e.code for e in response.context["form"].errors.as_data()["file"]]
    assert not get_document_model().objects.exists()
