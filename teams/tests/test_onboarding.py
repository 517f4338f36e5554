"""The onboarding command gives a person an account in the right team, or refuses clearly."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def onboard(*args):
    out = StringIO()
    call_command("onboard_editor", *args, stdout=out)
    return out.getvalue()


def test_onboards_a_municipality_editor_by_latvian_or_english_name(region_tree):
    output = onboard("--municipality", "Jēkabpils Municipality", "--email", "Laura@Jekabpils.lv")
    user = get_user_model().objects.get(username="laura@jekabpils.lv")
    assert [g.name for g in user.groups.all()] == ["Jēkabpils novads: redaktori"]
    assert not user.has_usable_password()
    assert "added it to “Jēkabpils novads: redaktori”" in output
    assert "/admin/password_reset/confirm/" in output
    assert user.has_perm("wagtailadmin.access_admin")


def test_onboarding_twice_keeps_one_account(region_tree):
    onboard("--municipality", "jēkabpils novads", "--email", "laura@jekabpils.lv")
    output = onboard("--municipality", "Jēkabpils novads", "--email", "laura@jekabpils.lv")
    assert get_user_model().objects.filter(username="laura@jekabpils.lv").count() == 1
    assert output.startswith("Found user")


def test_onboards_a_regional_coordinator(region_tree):
    onboard("--region", "Zemgale", "--email", "zemgale@paps.lv")
    user = get_user_model().objects.get(username="zemgale@paps.lv")
    assert [g.name for g in user.groups.all()] == ["Zemgale: koordinatori"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--municipality", "Jekabpils novads"],
            "There is no municipality called “Jekabpils novads”. Did you mean: Jēkabpils novads, Jēkabpils Municipality?",
        ),
        (["--region", "Latgale"], "There is no region called “Latgale”. Did you mean: Zemgale?"),
        (["--region", "Sēlija"], "There is no region called “Sēlija”. Known: Zemgale."),
        (
            ["--region", "Zemgale", "--email", "not-an-email"],
            "“not-an-email” is not a valid e-mail address.",
        ),
    ],
)
def test_unknown_names_and_bad_input_are_refused_and_nothing_is_created(region_tree, args, message):
    if "--email" not in args:
        args = [*args, "--email", "someone@example.com"]
    with pytest.raises(CommandError) as error:
        onboard(*args)
    assert str(error.value) == message
    assert not get_user_model().objects.exists()
