"""The public form: what a visitor sees, what is stored, and what bad input gets."""

import logging
import re
import smtplib
from unittest import mock

import pytest
from django import forms
from django.core import mail
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import translation
from django.utils.html import escape

from core.translation import translate
from home.tests.factories import FaqPageFactory, StandardPageFactory, list_item
from inquiries.models import Inquiry, InquiryPage
from inquiries.tests.factories import InquiryFactory
from regions.models import PHONE_INVALID
from stories.tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil.example","x")',
]


def choice(page, kind):
    return f"{kind}:{page.pk}"


def valid_data(place_choice, **changes):
    data = {
        "name": "Jānis Bērziņš",
        "email": "janis@example.com",
        "phone": "+44 20 7946 0958",
        "country": "IE",
        "contact_language": "en",
        "adults": "2",
        "children_ages": "4, 9",
        "place": place_choice,
        "needs": ["work", "school"],
        "return_plan": "1_year",
        "message": "We would like to move next summer.",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def zemgale_en(places, en):
    return {
        "region": places["region"].get_translation(en),
        "municipality": places["municipality"].get_translation(en),
    }


@pytest.fixture
def post(client, english_page, django_capture_on_commit_callbacks):
    """Post the English form; what is queued for after the commit (the e-mails) runs."""

    def send(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(english_page.url, data, **extra)

    return send


def team_mail():
    """The notifications sent to the team, without the visitor's receipt."""
    return [m for m in mail.outbox if "janis@example.com" not in m.to]


def test_the_form_page_belongs_under_the_home_page_once_per_language(inquiry_page, home):
    assert InquiryPage.parent_page_types == ["home.HomePage"]
    assert not InquiryPage.can_create_at(home)  # one already exists under this home page
    assert "inquiries.InquiryPage" in [
        f"{m._meta.app_label}.{m.__name__}" for m in home.specific_class.allowed_subpage_models()
    ]


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_form_is_shown_in_both_languages_with_labels_and_autocomplete(
    client, inquiry_page, places, language, en
):
    page = inquiry_page if language == "lv" else inquiry_page.get_translation(en)
    html = client.get(page.url).content.decode()
    assert f'<html lang="{language}">' in html
    for name, autocomplete in [("name", "name"), ("email", "email"), ("phone", "tel")]:
        assert re.search(f'<label class="form-field__label" for="id_{name}">', html)
        assert re.search(f'<input[^>]*name="{name}"[^>]*autocomplete="{autocomplete}"', html)
    assert 'autocomplete="country"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    expected = "Latgale" if language == "lv" else "Anywhere in Latgale"
    assert expected in html


@override_settings(INQUIRY_RETENTION_DAYS=200)
def test_the_privacy_notice_beside_the_button_states_purpose_basis_recipients_and_retention(
    client, english_page, places
):
    html = client.get(english_page.url).content.decode()
    start = html.index('class="privacy-notice"')
    notice = html[start : html.index('type="submit"', start)]
    for words in ["Purpose", "public interest", "coordinators of the region", "200 days"]:
        assert words in notice


def privacy_notice(client, page):
    html = client.get(page.url).content.decode()
    start = html.index('class="privacy-notice"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_privacy_notice_links_the_privacy_policy_page_and_the_national_mailbox(
    client, inquiry_page, home, lv, en, language, settings
):
    settings.REMIGRATION_NATIONAL_MAILBOX = "national@example.lv"
    policy = StandardPageFactory(parent=home, locale=lv, slug="privatuma-politika", body=[])
    translate(policy, en, {"title": "Privacy policy", "slug": "privacy"})
    page = inquiry_page if language == "lv" else inquiry_page.get_translation(en)
    notice = privacy_notice(client, page)
    policy_url = policy.url if language == "lv" else policy.get_translation(en).url
    assert f'<a href="{policy_url}">' in notice
    assert '<a href="mailto:national@example.lv">national@example.lv</a>' in notice
    if language == "en":
        assert f'Read more in the <a href="{policy_url}">privacy policy</a>' in notice


@pytest.mark.parametrize("language", ["lv", "en"])
def test_without_a_privacy_page_the_notice_links_its_own_section(
    client, inquiry_page, en, language
):
    page = inquiry_page if language == "lv" else inquiry_page.get_translation(en)
    notice = privacy_notice(client, page)
    assert 'id="privacy-heading"' in notice
    assert '<a href="#privacy-heading">' in notice


@pytest.mark.parametrize("language", ["lv", "en"])
def test_home_and_region_pages_link_to_the_form(client, places, inquiry_page, language, en):
    form = inquiry_page if language == "lv" else inquiry_page.get_translation(en)
    region = client.get(places["region"].get_translation(form.locale).url).content.decode()
    assert f'class="button-link" href="{form.url}"' in region
    home = client.get(form.get_parent().url).content.decode()
    assert f'class="card__link" href="{form.url}"' in home, "the first of the next steps"


def test_an_english_submission_is_stored_for_the_latvian_region_and_answered_at_once(
    client, post, places, zemgale_en, english_page, zemgale_coordinator, lv, en
):
    faq = FaqPageFactory(
        parent=english_page.get_parent(),
        locale=en,
        slug="faq",
        topics=[
            {
                "type": "topic",
                "value": {
                    "title": "Children, work and business",
                    "questions": [
                        list_item(
                            {
                                "question": "How do I find a job in Latvia?",
                                "answer": "<p>Ask the agency.</p>",
                            }
                        ),
                        list_item(
                            {"question": "How do I get a driving licence?", "answer": "<p>.</p>"}
                        ),
                    ],
                },
            }
        ],
    )
    stories = StoryIndexPageFactory(parent=english_page.get_parent(), locale=en, slug="stories")
    StoryPageFactory(
        parent=stories, locale=en, title="Back to Jēkabpils", municipality=places["municipality"]
    )
    StoryPageFactory(parent=stories, locale=en, title="Somewhere else in Latvia")

    response = post(valid_data(choice(zemgale_en["municipality"], "municipality")))

    assert response.status_code == 302
    done_url = response["Location"]
    assert done_url == english_page.url + "done/"
    inquiry = Inquiry.objects.get()
    assert str(inquiry.pk) not in done_url and "janis" not in done_url
    assert inquiry.municipality_id == places["municipality"].pk  # the Latvian page
    assert inquiry.region_id == places["region"].pk
    assert (inquiry.language, inquiry.contact_language) == ("en", "en")
    assert inquiry.children_ages == [4, 9]
    assert inquiry.needs == ["work", "school"]
    assert str(inquiry.phone) == "+442079460958"
    assert inquiry.status == Inquiry.Status.NEW

    answer = client.get(done_url)
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    assert "Thank you, Jānis Bērziņš" in html
    assert "Anete Briņeca" in html and "Regional coordinator" in html  # the English contact
    municipality_url = zemgale_en["municipality"].url
    assert f'href="{municipality_url}"' in html
    assert f'href="{faq.url}#how-do-i-find-a-job-in-latvia"' in html
    assert "driving licence" not in html
    assert "Back to Jēkabpils" in html
    assert "Somewhere else" not in html


@pytest.mark.parametrize(
    ("language", "link"),
    [("lv", "Viss par Jēkabpils novadu"), ("en", "Everything about Jēkabpils Municipality")],
)
def test_the_answer_links_everything_about_the_place_in_the_readers_grammar(
    client, inquiry_page, places, en, language, link
):
    page = inquiry_page if language == "lv" else inquiry_page.get_translation(en)
    municipality = places["municipality"]
    if language == "en":
        municipality = municipality.get_translation(en)
    response = client.post(page.url, valid_data(choice(municipality, "municipality")))
    html = client.get(response["Location"]).content.decode()
    assert f'<a href="{municipality.url}">{link}</a>' in html


def test_the_answer_page_needs_the_session_that_sent_the_form(
    client, post, zemgale_en, english_page
):
    post(valid_data(choice(zemgale_en["region"], "region")))
    stranger = Client(HTTP_HOST="localhost")
    response = stranger.get(english_page.url + "done/")
    assert response.status_code == 302
    assert response["Location"] == english_page.url


def test_an_undecided_visitor_is_assigned_to_the_national_team(
    post, places, national_editor, zemgale_coordinator
):
    post(valid_data("undecided"))
    inquiry = Inquiry.objects.get()
    assert inquiry.region is None and inquiry.municipality is None
    assert [m.to for m in team_mail()] == [[national_editor.email]]


@override_settings(WAGTAILADMIN_BASE_URL="https://admin.example.lv")
def test_the_notification_holds_no_personal_data_only_a_link(
    post, zemgale_en, zemgale_coordinator, latgale_coordinator
):
    data = valid_data(choice(zemgale_en["region"], "region"), name=PAYLOADS[0], message=PAYLOADS[1])
    post(data)
    inquiry = Inquiry.objects.get()
    [message] = team_mail()
    assert message.to == [zemgale_coordinator.email]
    text = message.subject + message.body
    assert f"https://admin.example.lv/admin/inquiries/edit/{inquiry.pk}/" in text
    for value in (data["name"], data["email"], data["message"], "Bērziņš", "+44", "4, 9"):
        assert value not in text


def test_a_mail_failure_keeps_the_inquiry_and_logs_no_submitted_value(
    client, post, zemgale_en, zemgale_coordinator, caplog
):
    data = valid_data(choice(zemgale_en["region"], "region"), name="Secret Name")
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPException("server down"),
        ),
        caplog.at_level(logging.DEBUG),
    ):
        response = post(data)
    assert response.status_code == 302
    assert Inquiry.objects.count() == 1
    assert client.get(response["Location"]).status_code == 200
    assert "Could not send" in caplog.text
    for value in ("Secret Name", data["email"], data["message"]):
        assert value not in caplog.text


def test_script_html_and_formula_payloads_are_stored_verbatim_and_shown_escaped(
    client, post, zemgale_en
):
    data = valid_data(
        choice(zemgale_en["region"], "region"), name=PAYLOADS[0], message="\n".join(PAYLOADS)
    )
    response = post(data)
    inquiry = Inquiry.objects.get()
    assert inquiry.name == PAYLOADS[0]
    assert inquiry.message == "\n".join(PAYLOADS)
    html = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


BAD_INPUT = [
    ({"name": "x" * 100_000}, "name", "at most 200 characters"),
    ({"message": "x" * 100_000}, "message", "at most 2000 characters"),
    ({"name": "Jānis\x00"}, "name", "Null characters are not allowed"),
    ({"message": "Hello\x1b[31m"}, "message", "invisible control characters"),
    ({"email": "not-an-address"}, "email", "valid email address"),
    ({"email": "a@b.c\r\nBcc: x@example.com"}, "email", "valid email address"),
    ({"place": "region:999999"}, "place", "Choose a region or municipality"),
    ({"place": "undecided'; DROP TABLE"}, "place", "Choose a region or municipality"),
    ({"children_ages": "-1"}, "children_ages", "from 0 to 17"),
    ({"children_ages": "5, 18"}, "children_ages", "from 0 to 17"),
    ({"children_ages": "three"}, "children_ages", "from 0 to 17"),
    ({"adults": "-2"}, "adults", "greater than or equal to 1"),
    ({"name": ""}, "name", "This field is required"),
    ({"return_plan": "tomorrow"}, "return_plan", "Select a valid choice"),
    ({"needs": ["work", "caviar"]}, "needs", "Choose from the options given"),
    ({"phone": "call me"}, "phone", "valid phone number"),
    ({"country": "XX"}, "country", "Select a valid choice"),
]


@override_settings(INQUIRY_RATE_LIMIT="100/h")
def test_bad_input_gets_a_message_linked_from_the_summary_and_stores_nothing(post, zemgale_en):
    """One page set-up for all cases (each builds a bilingual site); failures name the case."""
    for changes, field, message in BAD_INPUT:
        case = f"{field}: {str(changes)[:60]}"
        response = post(valid_data(choice(zemgale_en["region"], "region"), **changes))
        html = response.content.decode()
        assert response.status_code == 200, case
        assert message in html, case
        start = html.index('class="error-summary"')
        summary = html[start : html.index("</ul>", start)]
        assert f'href="#id_{field}' in summary, case
        assert f'id="id_{field}_error"' in html, case
        assert Inquiry.objects.count() == 0, case
        assert mail.outbox == [], case


def test_a_page_of_another_language_is_not_a_valid_choice(post, places):
    latvian_choice = choice(places["municipality"], "municipality")
    response = post(valid_data(latvian_choice))
    assert "Choose a region or municipality" in response.content.decode()
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize(
    ("country", "phone", "stored"),
    [("GB", "07911 123456", "+447911123456"), ("IE", "22 338 666", "+37122338666")],
)
def test_a_number_written_as_dialled_in_the_chosen_country_or_in_latvia_is_accepted(
    post, zemgale_en, country, phone, stored
):
    response = post(
        valid_data(choice(zemgale_en["region"], "region"), country=country, phone=phone)
    )
    assert response.status_code == 302
    assert str(Inquiry.objects.get().phone) == stored


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_number_invalid_in_the_chosen_country_still_gets_the_clear_error(
    client, inquiry_page, places, en, language
):
    page = inquiry_page if language == "lv" else inquiry_page.get_translation(en)
    region = places["region"] if language == "lv" else places["region"].get_translation(en)
    data = valid_data(choice(region, "region"), country="GB", phone="07911 12")
    html = client.post(page.url, data).content.decode()
    with translation.override(language):
        assert escape(str(PHONE_INVALID)) in html
    assert Inquiry.objects.count() == 0


def test_an_oversized_body_is_a_400_and_stores_nothing(post, zemgale_en):
    data = valid_data(choice(zemgale_en["region"], "region"), message="x" * 3_000_000)
    response = post(data)
    assert response.status_code == 400
    assert Inquiry.objects.count() == 0


def test_a_filled_honeypot_is_answered_as_success_and_stores_nothing(
    client, post, zemgale_en, zemgale_coordinator
):
    response = post(valid_data(choice(zemgale_en["region"], "region"), website="http://spam"))
    assert response.status_code == 302
    assert response["Location"].endswith("/done/")
    assert client.get(response["Location"]).status_code == 200
    assert Inquiry.objects.count() == 0
    assert mail.outbox == []


@override_settings(INQUIRY_RATE_LIMIT="2/h")
@pytest.mark.parametrize("language", ["en", "lv"])
def test_too_many_posts_get_a_friendly_429_and_store_nothing(
    client, inquiry_page, places, en, language
):
    page = inquiry_page if language == "lv" else inquiry_page.get_translation(en)
    region = places["region"].get_translation(page.locale)
    data = valid_data(choice(region, "region"))
    assert client.post(page.url, data).status_code == 302
    assert client.post(page.url, data).status_code == 302
    response = client.post(page.url, data)
    assert response.status_code == 429
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="article rate-limited"' in html
    assert f'href="{page.url}"' in html
    assert Inquiry.objects.count() == 2
    other = Client(HTTP_HOST="localhost", REMOTE_ADDR="192.0.2.10")
    assert other.post(page.url, data).status_code == 302


def test_while_the_cache_is_down_inquiries_are_still_taken(
    client, inquiry_page, places, unreachable_cache
):
    """The rate limit counts in the cache; without it the form stays open (nothing is lost)."""
    data = valid_data(choice(places["region"], "region"))
    assert client.post(inquiry_page.url, data).status_code == 302
    assert Inquiry.objects.count() == 1
    honeypot = valid_data(choice(places["region"], "region"), website="http://spam.example")
    assert client.post(inquiry_page.url, honeypot).status_code == 302
    assert Inquiry.objects.count() == 1


def test_a_post_without_the_csrf_token_is_refused(english_page, zemgale_en):
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    data = valid_data(choice(zemgale_en["region"], "region"))
    assert browser.post(english_page.url, data).status_code == 403
    assert Inquiry.objects.count() == 0

    browser.get(english_page.url)
    data["csrfmiddlewaretoken"] = browser.cookies["csrftoken"].value
    assert browser.post(english_page.url, data).status_code == 302
    assert Inquiry.objects.count() == 1


def test_the_latvian_form_offers_latvian_places_and_translates_messages(
    client, inquiry_page, places, lv
):
    response = client.post(inquiry_page.url, valid_data("region:0", name=""))
    html = response.content.decode()
    assert "Jēkabpils novads" in html
    with translation.override("lv"):
        required = str(forms.Field().error_messages["required"])
    with translation.override("en"):
        assert required != str(forms.Field().error_messages["required"])
    assert required in html


TOKEN_FIELD = re.compile(r'name="submission_token" value="([^"]+)"')


def form_token(client, page):
    return TOKEN_FIELD.search(client.get(page.url).content.decode()).group(1)


def receipts():
    return [m for m in mail.outbox if m.to == ["janis@example.com"]]


@override_settings(REMIGRATION_NATIONAL_MAILBOX="national@example.lv")
def test_a_region_whose_team_has_no_address_is_notified_through_the_national_mailbox(
    post, places, en, latgale_coordinator
):
    latgale_coordinator.email = ""
    latgale_coordinator.save()
    post(valid_data(choice(places["latgale"].get_translation(en), "region")))
    [message] = team_mail()
    assert message.to == ["national@example.lv"]
    assert f"/admin/inquiries/edit/{Inquiry.objects.get().pk}/" in message.body


def test_the_same_form_posted_twice_stores_one_inquiry_and_sends_one_notification(
    client, post, english_page, zemgale_en, zemgale_coordinator
):
    data = valid_data(
        choice(zemgale_en["region"], "region"), submission_token=form_token(client, english_page)
    )
    first, second = post(data), post(data)
    assert Inquiry.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert "Thank you, Jānis Bērziņš" in client.get(second["Location"]).content.decode()
    assert len(team_mail()) == 1 and len(receipts()) == 1


def test_a_token_posted_with_another_address_never_leads_to_the_first_inquiry(
    client, post, english_page, zemgale_en
):
    token = form_token(client, english_page)
    post(valid_data(choice(zemgale_en["region"], "region"), submission_token=token))
    other = Client(HTTP_HOST="localhost")
    data = valid_data(
        choice(zemgale_en["region"], "region"),
        name="Someone Else",
        email="else@example.com",
        submission_token=token,
    )
    response = other.post(english_page.url, data)
    assert Inquiry.objects.count() == 2
    html = other.get(response["Location"]).content.decode()
    assert "Someone Else" in html and "Jānis" not in html


def test_a_database_error_while_routing_stores_nothing_and_answers_try_again(
    client, post, english_page, zemgale_en, zemgale_coordinator
):
    data = valid_data(
        choice(zemgale_en["region"], "region"), submission_token=form_token(client, english_page)
    )
    with mock.patch(
        "inquiries.notifications.assigned_group", side_effect=OperationalError("database gone")
    ):
        response = post(data)
    assert response.status_code == 503
    assert not Inquiry.objects.exists() and mail.outbox == []
    assert post(data).status_code == 302  # trying again works, once
    assert Inquiry.objects.count() == 1 and len(team_mail()) == 1


@override_settings(REMIGRATION_NATIONAL_MAILBOX="")
def test_the_answer_promises_a_coordinators_contact_only_when_someone_was_told(
    client, post, places, en, zemgale_en, zemgale_coordinator
):
    promise = "A coordinator will contact you"
    nobody = post(valid_data(choice(places["latgale"].get_translation(en), "region")))
    html = client.get(nobody["Location"]).content.decode()
    assert promise not in html and "has been saved in the programme" in html
    assert promise not in receipts()[0].body
    told = post(valid_data(choice(zemgale_en["region"], "region"), email="other@example.com"))
    assert promise in client.get(told["Location"]).content.decode()


@override_settings(WAGTAILADMIN_BASE_URL="https://admin.example.lv")
def test_the_visitor_gets_a_receipt_with_their_own_answers_and_only_the_public_contact(
    post, places, zemgale_en, zemgale_coordinator
):
    other = InquiryFactory(name="Other Person", email="other@example.com", region=places["region"])
    post(valid_data(choice(zemgale_en["municipality"], "municipality")))
    [receipt] = receipts()
    assert receipt.subject == "We received your inquiry"
    contact = places["coordinator"]
    for expected in ("Jēkabpils Municipality", "Work", contact.name, contact.email):
        assert expected in receipt.body
    for private in (zemgale_coordinator.email, other.name, other.email, "admin.example.lv"):
        assert private not in receipt.body


def test_a_receipt_never_repeats_what_was_typed_into_the_form(post, zemgale_en):
    """Anyone can type anyone's address: the receipt must not carry their text to it."""
    lure = "Your account is blocked, log in at http://evil.example"
    post(valid_data(choice(zemgale_en["region"], "region"), name=lure[:100], message=lure))
    [receipt] = receipts()
    assert "evil.example" not in receipt.body and "blocked" not in receipt.body
    assert receipt.body.startswith("Hello,")


@override_settings(INQUIRY_RECEIPT_RATE_LIMIT="2/d")
def test_one_address_gets_a_bounded_number_of_receipts_from_any_number_of_senders(
    post, zemgale_en, zemgale_coordinator
):
    for number, email in enumerate(["janis@example.com", "JANIS@example.com"] * 2):
        post(
            valid_data(choice(zemgale_en["region"], "region"), email=email),
            REMOTE_ADDR=f"192.0.2.{number + 1}",
        )
    assert Inquiry.objects.count() == 4  # every inquiry is stored and reaches the team
    to_visitor = [m for m in mail.outbox if m.to[0].lower() == "janis@example.com"]
    assert len(mail.outbox) - len(to_visitor) == 4
    assert len(to_visitor) == 2


def test_a_receipt_is_written_in_the_language_of_the_form(
    client, inquiry_page, places, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(inquiry_page.url, valid_data(choice(places["region"], "region")))
    [receipt] = receipts()
    with translation.override("lv"):
        assert receipt.subject == translation.gettext("We received your inquiry")
    assert receipt.subject != "We received your inquiry"
    assert "Zemgale" in receipt.body


def test_the_latvian_form_lists_countries_in_latvian_alphabetical_order(client, inquiry_page):
    html = client.get(inquiry_page.url).content.decode()
    start = html.index('name="country"')
    select = html[start : html.index("</select>", start)]
    names = re.findall(r"<option value=\"[A-Z]{2}\">([^<]+)</option>", select)
    for earlier, later in [
        ("Argentīna", "ASV Virdžīnas"),
        ("Azerbaidžāna", "Ālandu salas"),
        ("Ālandu salas", "Bahamu salas"),
        ("Svētais Krēsls", "Šrilanka"),
    ]:
        assert names.index(earlier) < names.index(later)
