"""The apps depend on each other one way (the layers in pyproject.toml): core imports no content
app, and no two apps import each other, directly or through a third."""

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports


def test_apps_import_each_other_one_way_only(monkeypatch, settings):
    monkeypatch.chdir(settings.BASE_DIR)
    assert lint_imports(no_cache=True, no_logo=True) == EXIT_STATUS_SUCCESS
