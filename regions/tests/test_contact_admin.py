"""The contacts listing in the admin: editors find people by name, role, organisation and e-mail.

Places A, B, C are described in conftest.py.
"""

import pytest
from django.contrib.auth import get_user_model

from regions.tests.factories import ContactFactory, MunicipalityContactFactory, user_in

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/regions/contact/"


@pytest.fixture(params=["superuser", "municipality editor"])
def editor(request, client, places):
    """The admin as a superuser, and as an editor of municipality A."""
    if request.param == "superuser":
        user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    else:
        user = user_in(places["A"], "editor-a")
    client.force_login(user)
    return client


@pytest.fixture
def ilze(places, lv, indexing):
    """A contact person of municipality A, in the search index."""
    contact = ContactFactory(
        name="Ilze Kalniņa",
        role="Remigrācijas koordinatore",
        organisation="Jēkabpils novada pašvaldība",
        email="ilze.kalnina@jekabpils.lv",
        locale=lv,
    )
    MunicipalityContactFactory(page=places["A"], contact=contact, locale=lv)
    return contact


@pytest.mark.parametrize(
    "query",
    [
        "ilze.kalnina@jekabpils.lv",
        "ilze.kalnina@",
        "Kalniņa",
        "Remigrācijas koordinatore",
        "pašvaldība",
    ],
)
def test_editors_find_a_contact_by_name_role_organisation_and_email(editor, ilze, query):
    response = editor.get(LISTING, {"q": query})
    assert response.status_code == 200
    assert ilze.name in response.content.decode()


def test_a_search_for_an_email_address_lists_only_its_contact(editor, ilze, lv):
    other = ContactFactory(name="Cits Kontakts", email="cits@example.com", locale=lv)
    response = editor.get(LISTING, {"q": ilze.email})
    html = response.content.decode()
    assert ilze.name in html
    assert other.name not in html


@pytest.mark.parametrize("query", ['"', 'Kalniņa"', "*", "NEAR("])
def test_search_syntax_of_the_database_is_searched_as_plain_text(editor, ilze, query):
    assert editor.get(LISTING, {"q": query}).status_code == 200
