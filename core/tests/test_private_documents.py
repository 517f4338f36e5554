"""Documents in a private collection reach only the readers its restriction lets in.

Every link goes through Wagtail's serve view, which checks the collection's restriction; the
file itself is never published at a media URL, in development or in production.
"""

import importlib.util

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import DocumentFactory, ImageFactory

TEXT = b"Ieksejais plans"
PASSWORD = "slepens"  # noqa: S105 - a test value


@pytest.fixture
def restriction(db):
    """A collection whose documents ask readers for a password."""
    collection = Collection.get_first_root_node().add_child(name="Iekšējie dokumenti")
    return CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )


@pytest.fixture
def private_document(restriction):
    return DocumentFactory(
        collection=restriction.collection, file=ContentFile(TEXT, name="plans.txt")
    )


class BucketStorage(Storage):
    """Files with a URL but no path on the server's disk, as in an S3-compatible bucket."""

    def __init__(self):
        self.files = {}

    def _save(self, name, content):
        self.files[name] = content.read()
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def size(self, name):
        return len(self.files[name])

    def url(self, name):
        return f"https://bucket.example.net/{name}"


@pytest.fixture
def media_in_a_bucket(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.BucketStorage"},
    }


@pytest.fixture
def development_site(settings, media_on_disk):
    """The site's URLs as `make run` serves them: DEBUG on, so static and media files too."""
    settings.DEBUG = True
    spec = importlib.util.find_spec("cms.urls")
    urls = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(urls)
    settings.ROOT_URLCONF = urls


def test_a_private_document_is_refused_to_an_anonymous_reader_at_every_address(
    client, home, development_site, private_document
):
    url = private_document.url
    assert url == f"/documents/{private_document.pk}/plans.txt"

    response = client.get(url)

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert TEXT not in response.content
    assert private_document.file.url == "/media/documents/plans.txt"
    assert client.get(private_document.file.url).status_code == 404


def test_the_development_server_serves_images_and_their_renditions(client, home, development_site):
    image = ImageFactory()
    rendition = image.get_rendition("width-100")

    assert client.get(image.file.url).status_code == 200
    assert client.get(rendition.url).status_code == 200


def test_a_reader_with_the_password_gets_the_document_from_the_site_itself(
    client, home, media_in_a_bucket, restriction, private_document
):
    """Never redirected to the file's address in the bucket, which anyone could pass on."""
    client.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        {"password": PASSWORD, "return_url": private_document.url},
    )

    response = client.get(private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TEXT
