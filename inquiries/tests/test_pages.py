"""The inquiry page type: where editors may create it, and how it renders without a form post."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from inquiries.models import InquiryPage

pytestmark = pytest.mark.django_db


def test_an_editor_creates_the_form_page_under_the_home_page_once(client, home, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.lv", "pw"))
    url = reverse("wagtailadmin_pages:add", args=["inquiries", "inquirypage", home.pk])
    data = nested_form_data(
        {
            "title": "Pieteikums",
            "slug": "pieteikums",
            "intro": rich_text("<p>Pastāstiet, kas jums vajadzīgs.</p>"),
            "privacy_notice": rich_text(""),
            "action-publish": "publish",
        }
    )
    assert client.post(url, data).status_code == 302
    page = InquiryPage.objects.get()
    assert page.live and page.get_parent().pk == home.pk
    assert client.get(url).status_code in (302, 403)  # a second one is not allowed
    assert InquiryPage.allowed_parent_page_models() == [home.specific_class]
    assert InquiryPage.allowed_subpage_models() == []


def test_the_answer_route_without_a_sent_form_leads_back_to_the_form(client, inquiry_page):
    response = client.get(inquiry_page.url + "done/")
    assert response.status_code == 302
    assert response["Location"] == inquiry_page.url
