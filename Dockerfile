# The portal as one image for every role: the web app (gunicorn, the default command), the
# release step (migrate, configure_site) and the scheduler (manage.py run_schedule).
# compose.yaml runs all three; docs/deploy.md explains the deployment.

# Bookworm, because its PostgreSQL client is version 15, the server's in compose.yaml:
# `backup` and `restore` need pg_dump/pg_restore of the server's major version.
FROM python:3.11-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# The dependencies first, so that a change of code alone reuses this layer. pyproject.toml
# installs no packages of its own: the code is copied next to manage.py below.
COPY pyproject.toml README.md requirements.lock ./
RUN pip install --upgrade pip && pip install --require-hashes -r requirements.lock && pip install --no-deps .

COPY . .
# Compiled translations, as `make compilemessages`: the site's catalogue and the admin's.
RUN python -m babel.messages.frontend compile --domain django --directory locale \
    && python -m babel.messages.frontend compile --domain "django djangojs" --directory locale/admin
# Hashed, compressed static files for whitenoise. Production settings insist on a secret key and
# Redis; collectstatic uses neither, so it gets throwaway values that stay in this stage.
RUN DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=collectstatic-only \
    ALLOW_LOCAL_CACHE=true python manage.py collectstatic --no-input


FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portal

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# Uploads and backups live in volumes mounted here; new volumes take this ownership.
RUN mkdir -p media var/backups && chown portal:portal media var/backups

USER portal
EXPOSE 8000
CMD ["gunicorn", "cms.wsgi"]
