# The remigration portal. `make run` and `make test` set everything up from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
INSTALLED := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help install setup run test test-browser test-postgres lint format check-messages makemessages compilemessages dump-content clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

install: $(INSTALLED) ## Create the virtualenv and install the dependencies

compilemessages: $(INSTALLED) ## Compile the interface translations (.po → .mo)
	$(PY) -m babel.messages.frontend compile --domain django --directory locale --statistics

setup: install compilemessages ## Install, migrate and load the demo content (idempotent)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) provision_teams > /dev/null

run: setup ## Set up, then serve the site on http://127.0.0.1:$(PORT)
	@$(MANAGE) create_dev_admin
	@echo "Site: http://127.0.0.1:$(PORT)/  (Latvian /lv/, English /en/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

test: install compilemessages ## Run the whole suite (PostgreSQL when DATABASE_URL is set), browser tests if Chromium is installed
	$(PY) -m pytest --cov --cov-report=term:skip-covered --cov-fail-under=85 $(PYTEST_ARGS)
ifneq ($(CHROMIUM),)
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -m browser $(PYTEST_ARGS)
else
	@echo "Chromium is not installed: browser tests skipped (apt-get install chromium)."
endif

test-browser: install compilemessages ## Run only the browser tests (headless Chromium)
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -m browser $(PYTEST_ARGS)

test-postgres: ## Run the suite on the local PostgreSQL server
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/remigration} $(MAKE) test

lint: install compilemessages ## Ruff, Django's checks, missing migrations and translations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) check-messages

check-messages: install ## Fail if a source string is missing from the .po files
	$(MANAGE) makemessages --locale lv --locale en --no-location --no-obsolete --ignore '$(VENV)/*' > /dev/null
	msgen --no-wrap --output-file locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	git diff --exit-code -I '^"POT-Creation-Date' -- locale/ \
		|| (echo "The .po files are out of date: run 'make makemessages', translate, commit." && exit 1)

makemessages: install ## Extract interface strings into locale/{lv,en}; English copies the source
	$(MANAGE) makemessages --locale lv --locale en --no-location --no-obsolete --ignore '$(VENV)/*'
	msgen --no-wrap --output-file locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po

format: install ## Format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

dump-content: install ## Print the site's pages and contacts as JSON (for bug reports)
	$(MANAGE) dumpdata --indent 2 wagtailcore.page wagtailcore.locale regions home stories

clean: ## Remove the virtualenv, the local database and compiled files
	rm -rf $(VENV) db.sqlite3 media collected-static
	find locale -name '*.mo' -delete
