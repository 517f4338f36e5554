from regions.tests.fixtures import contacts, places  # noqa: F401 - the teams' places and people
