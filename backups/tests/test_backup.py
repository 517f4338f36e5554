"""`manage.py backup` / `restore`: everything comes back, in an empty database and media store.

The content is made in the test database (committed, so that pg_dump sees it), backed up, and
restored by `manage.py restore` in a separate process into a new, empty database and an empty
media directory, as `make restore` would on a fresh machine. The same snapshot of pages,
translations, contacts and files is taken on both sides and must be identical.
"""

import hashlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from unittest.mock import ANY

import dj_database_url
import psycopg2
import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_factories import DocumentFactory, ImageFactory

from backups.archives import media_names
from core.cache import GENERATION_KEY
from regions.models import Contact

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot():
    """What a reader and an editor would miss if the restore lost it."""

    def digest(name):
        with default_storage.open(name, "rb") as file:
            return hashlib.sha256(file.read()).hexdigest()

    return {
        "pages": sorted(
            [p.locale.language_code, p.url_path, p.title, p.live, str(p.translation_key)]
            for p in Page.objects.filter(depth__gt=1).select_related("locale")
        ),
        "contacts": sorted(
            [c.locale.language_code, c.name, c.role, str(c.phone), c.email, str(c.translation_key)]
            for c in Contact.objects.select_related("locale")
        ),
        "images": sorted([i.title, i.file.name] for i in get_image_model().objects.all()),
        "documents": sorted([d.title, d.file.name] for d in get_document_model().objects.all()),
        "media": {name: digest(name) for name in media_names()},
    }


SNAPSHOT_SCRIPT = (
    "import json, django; django.setup(); "
    "from backups.tests.test_backup import snapshot; print(json.dumps(snapshot()))"
)


@pytest.fixture
def content(region_tree, media_on_disk):
    image = ImageFactory(title="Jēkabpils tilts")
    image.get_rendition("width-100")  # renditions are files too
    DocumentFactory(
        title="Atgriešanās ceļvedis",
        file=ContentFile(b"%PDF-1.4 celvedis", name="celvedis.pdf"),
    )
    return snapshot()


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database of the engine under test; dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    name = f"{connection.settings_dict['NAME']}_restored"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = dj_database_url.parse(os.environ["DATABASE_URL"])
    yield (
        f"postgres://{url['USER']}:{url['PASSWORD'] or ''}@{url['HOST'] or '127.0.0.1'}:"
        f"{url['PORT'] or 5432}/{name}"
    )
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def run_site(arguments, database_url, media_root):
    """A separate process of the site on another database and media directory."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_backup_restores_into_an_empty_database_with_everything(
    content, empty_database, tmp_path, capsys
):
    assert len([p for p in content["pages"] if p[0] == "en"]) == 4  # translations exist
    assert len(content["contacts"]) == 2
    assert any(name.startswith("original_images/") for name in content["media"])
    assert any(name.startswith("images/") for name in content["media"])
    assert any(name.startswith("documents/") for name in content["media"])

    call_command("backup", output_dir=tmp_path / "backups")
    archive = re.search(r"to (\S+\.tar\.gz)", capsys.readouterr().out).group(1)
    assert archive.startswith(str(tmp_path / "backups" / "remigration-"))

    restored_media = tmp_path / "restored-media"
    output = run_site(["manage.py", "restore", archive], empty_database, restored_media)
    assert f"and {len(content['media'])} media files" in output

    restored = json.loads(run_site(["-c", SNAPSHOT_SCRIPT], empty_database, restored_media))
    assert restored == content


def test_restore_refuses_a_database_that_is_not_empty(content, tmp_path, capsys):
    call_command("backup", output_dir=tmp_path / "backups")
    archive = re.search(r"to (\S+\.tar\.gz)", capsys.readouterr().out).group(1)
    before = snapshot()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", archive)
    assert snapshot() == before


def test_restore_refuses_an_archive_from_another_engine(tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    archive = tmp_path / "other.tar.gz"
    manifest = json.dumps({"format": 1, "engine": other, "media": {}}).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    with pytest.raises(CommandError, match="this site uses"):
        call_command("restore", str(archive))


def backup(tmp_path, capsys, **options):
    call_command("backup", output_dir=tmp_path / "backups", **options)
    return re.search(r"to (\S+\.tar\.gz)", capsys.readouterr().out).group(1)


def change_after_the_backup():
    """A row and a file that a refused restore must leave, and a good restore takes back."""
    Page.objects.filter(depth=2).update(title="Changed after the backup")
    default_storage.save("after-backup.txt", ContentFile(b"kept"))
    return snapshot()


def rewrite(archive, change):
    """The archive again, with `change(name, data)` applied to the bytes of every member."""
    with tarfile.open(archive, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            data = change(member.name, data)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def test_restore_replace_brings_back_the_backed_up_rows_and_files(content, tmp_path, capsys):
    archive = backup(tmp_path, capsys)
    assert change_after_the_backup() != content
    call_command("restore", archive, replace=True)
    assert snapshot() == content | {"media": content["media"] | {"after-backup.txt": ANY}}


def cut_in_half(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def cut_the_dump(name, data):
    return data[: len(data) // 2] if name.startswith("database.") else data


def alter_one_media_file(name, data):
    return data + b"altered" if name == "media/documents/celvedis.pdf" else data


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (cut_in_half, "truncated or damaged"),
        (lambda path: rewrite(path, cut_the_dump), r"database\.\S+ does not match its checksum"),
        (lambda path: rewrite(path, alter_one_media_file), "celvedis.pdf does not match"),
    ],
    ids=["truncated archive", "truncated dump", "altered media file"],
)
def test_restore_refuses_a_damaged_archive_and_leaves_every_row_and_file(
    content, tmp_path, capsys, damage, message
):
    archive = backup(tmp_path, capsys)
    before = change_after_the_backup()
    damage(Path(archive))
    with pytest.raises(CommandError, match=message):
        call_command("restore", archive, replace=True)
    assert snapshot() == before


def test_backup_keep_deletes_all_but_the_newest_archives(tmp_path, capsys):
    directory = tmp_path / "backups"
    directory.mkdir()
    older = ["remigration-20240101-000000.tar.gz", "remigration-20240102-000000.tar.gz"]
    newest_old = "remigration-20240102-000000-2.tar.gz"
    for name in [*older, newest_old, "notes.txt"]:
        (directory / name).write_bytes(b"")
    archive = Path(backup(tmp_path, capsys, keep=2))
    assert sorted(p.name for p in directory.iterdir()) == sorted(
        [archive.name, newest_old, "notes.txt"]
    )


@pytest.fixture
def shared_redis(settings):
    """A Redis server of this test's own, set up as the site's cache with a key prefix."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--daemonize", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "remigration",
        }
    }
    yield client
    client.close()
    process.terminate()
    process.wait()


def test_restore_deletes_only_this_sites_keys_from_a_shared_redis(shared_redis, tmp_path, capsys):
    archive = backup(tmp_path, capsys)
    cache.set(GENERATION_KEY, "before the restore", timeout=None)
    shared_redis.set("other-application:session", "theirs")
    call_command("restore", archive, replace=True)
    assert cache.get(GENERATION_KEY) is None
    assert shared_redis.get("other-application:session") == b"theirs"
