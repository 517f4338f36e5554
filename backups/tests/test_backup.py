"""`manage.py backup` / `restore`: everything comes back, in an empty database and media store.

The content is made in the test database (committed, so that pg_dump sees it), backed up, and
restored by `manage.py restore` in a separate process into a new, empty database and an empty
media directory, as `make restore` would on a fresh machine. The same snapshot of pages,
translations, contacts and files is taken on both sides and must be identical. Encrypted
archives use a key pair made by `manage.py backup_keygen`, as an operator would.
"""

import hashlib
import io
import json
import os
import re
import stat
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from unittest.mock import ANY

import dj_database_url
import psycopg
import pytest
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

from backups import archives
from backups.archives import media_names
from backups.encryption import encrypting, new_identity, recipients
from core.cache import GENERATION_KEY
from core.tests.services import redis_server
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
    admin = psycopg.connect(**params)
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


def site_process(arguments, **variables):
    """A separate process of the site with these environment variables (and no BACKUP_ ones of
    the machine running the tests)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "DJANGO_SETTINGS_MODULE" and not key.startswith("BACKUP_")
    }
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env=environment | variables,
        capture_output=True,
        text=True,
        check=False,
    )


def run_site(arguments, database_url, media_root, **variables):
    """A separate process of the site on another database and media directory."""
    result = site_process(
        arguments,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        **variables,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def keygen(path, capsys):
    """`manage.py backup_keygen --output path`; returns the public key it printed."""
    call_command("backup_keygen", output=str(path))
    return re.search(r"age1\w+", capsys.readouterr().out)[0]


@pytest.fixture
def identity(tmp_path, settings, capsys):
    """The operator's identity file; backups are encrypted to its public key."""
    path = tmp_path / "identity.txt"
    settings.BACKUP_RECIPIENTS = [keygen(path, capsys)]
    return path


def backup(tmp_path, capsys, **options):
    call_command("backup", output_dir=tmp_path / "backups", **options)
    return re.search(r"to (\S+\.tar\.gz(?:\.age)?)\n", capsys.readouterr().out).group(1)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plaintext", "encrypted"])
def test_a_backup_restores_into_an_empty_database_with_everything(
    content, empty_database, tmp_path, capsys, request, encrypted
):
    assert len([p for p in content["pages"] if p[0] == "en"]) == 4  # translations exist
    assert len(content["contacts"]) == 2
    assert any(name.startswith("original_images/") for name in content["media"])
    assert any(name.startswith("images/") for name in content["media"])
    assert any(name.startswith("documents/") for name in content["media"])
    # The identity reaches `restore` as `make restore` passes it: in the environment.
    key = {"BACKUP_IDENTITY_FILE": str(request.getfixturevalue("identity"))} if encrypted else {}

    archive = backup(tmp_path, capsys)
    assert archive.startswith(str(tmp_path / "backups" / "remigration-"))
    assert archive.endswith(".tar.gz.age" if encrypted else ".tar.gz")

    restored_media = tmp_path / "restored-media"
    output = run_site(["manage.py", "restore", archive], empty_database, restored_media, **key)
    assert f"and {len(content['media'])} media files" in output

    restored = json.loads(run_site(["-c", SNAPSHOT_SCRIPT], empty_database, restored_media))
    assert restored == content


def test_restore_refuses_a_database_that_is_not_empty(content, tmp_path, capsys):
    archive = backup(tmp_path, capsys)
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


def test_backup_keep_deletes_all_but_the_newest_archives_encrypted_or_not(tmp_path, capsys):
    directory = tmp_path / "backups"
    directory.mkdir()
    older = ["remigration-20240101-000000.tar.gz", "remigration-20240102-000000.tar.gz.age"]
    newest_old = "remigration-20240102-000000-2.tar.gz.age"
    for name in [*older, newest_old, "notes.txt"]:
        (directory / name).write_bytes(b"")
    archive = Path(backup(tmp_path, capsys, keep=2))
    assert sorted(p.name for p in directory.iterdir()) == sorted(
        [archive.name, newest_old, "notes.txt"]
    )


def test_backup_refuses_a_recipient_that_is_not_an_age_public_key(settings, tmp_path):
    settings.BACKUP_RECIPIENTS = ["AGE-SECRET-KEY-1NOTAPUBLICKEY"]
    with pytest.raises(CommandError, match="must hold age public keys") as refusal:
        call_command("backup", output_dir=tmp_path / "backups")
    assert "NOTAPUBLICKEY" not in str(refusal.value)  # a private key pasted by mistake stays unsaid
    assert not (tmp_path / "backups").exists()


def test_an_encrypted_backup_leaves_no_plaintext_on_disk(
    content, identity, tmp_path, capsys, monkeypatch
):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the dump is made
    archive = Path(backup(tmp_path, capsys))
    assert list(archive.parent.iterdir()) == [archive]
    assert list(scratch.iterdir()) == []
    assert archive.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_full_disk_while_encrypting_fails_the_backup_instead_of_leaving_a_short_archive():
    """pyrage loses the error of its last write; a small archive is all in that write."""
    with (
        pytest.raises(CommandError, match="No space left on device"),
        open("/dev/full", "wb", buffering=0) as disk,
        encrypting(disk, recipients([new_identity()[1]])) as archive,
    ):
        archive.write(b"a small archive")


@pytest.mark.parametrize("encrypted", [False, True], ids=["plaintext", "encrypted"])
def test_a_backup_that_fails_halfway_leaves_no_archive(
    content, media_on_disk, tmp_path, capsys, request, encrypted
):
    if encrypted:
        request.getfixturevalue("identity")
    # A media file that is listed but cannot be read: the dump and other files are already in.
    (media_on_disk / "documents" / "lost.pdf").symlink_to(tmp_path / "nowhere.pdf")
    with pytest.raises(FileNotFoundError, match="lost.pdf"):
        call_command("backup", output_dir=tmp_path / "backups")
    assert list((tmp_path / "backups").iterdir()) == []


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("another", r"could not be decrypted \(No matching keys found\)"),
        ("none", "is encrypted: give the file of the identity"),
        ("not a key", "is not an age identity file"),
    ],
    ids=["another identity", "no identity", "not an identity file"],
)
def test_restore_of_an_encrypted_archive_refuses_a_wrong_identity_and_changes_nothing(
    content, identity, tmp_path, capsys, given, message
):
    archive = backup(tmp_path, capsys)
    other = tmp_path / "other-identity.txt"
    if given == "another":
        keygen(other, capsys)
    elif given == "not a key":
        other.write_text("age1notaprivatekey\n")
    before = change_after_the_backup()
    with pytest.raises(CommandError, match=message):
        call_command("restore", archive, replace=True, identity=None if given == "none" else other)
    assert snapshot() == before


def flip_one_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(data)


@pytest.mark.parametrize("damage", [cut_in_half, flip_one_byte], ids=["truncated", "altered"])
def test_restore_refuses_a_damaged_encrypted_archive_and_leaves_every_row_and_file(
    content, identity, tmp_path, capsys, damage
):
    archive = backup(tmp_path, capsys)
    before = change_after_the_backup()
    damage(Path(archive))
    with pytest.raises(CommandError, match="could not be decrypted .*truncated or was altered"):
        call_command("restore", archive, replace=True, identity=identity)
    assert snapshot() == before


def test_production_refuses_an_unencrypted_backup_unless_told_so(tmp_path):
    output = tmp_path / "backups"
    production = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "production-test-key",
        "ALLOW_LOCAL_CACHE": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    command = ["manage.py", "backup", f"--output-dir={output}"]

    refused = site_process(command, **production)
    assert refused.returncode != 0
    assert "BACKUP_RECIPIENTS is not set" in refused.stderr
    assert "--unencrypted" in refused.stderr
    assert not output.exists()

    allowed = site_process([*command, "--unencrypted"], **production)
    assert allowed.returncode == 0, allowed.stderr
    assert "not encrypted" in allowed.stderr
    assert [path.suffixes for path in output.iterdir()] == [[".tar", ".gz"]]


@pytest.fixture
def shared_redis(settings):
    """A Redis server of this test's own, set up as the site's cache with a key prefix."""
    with redis_server() as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": server.url,
                "KEY_PREFIX": "remigration",
            }
        }
        yield server.client


def test_restore_deletes_only_this_sites_keys_from_a_shared_redis(shared_redis, tmp_path, capsys):
    archive = backup(tmp_path, capsys)
    cache.set(GENERATION_KEY, "before the restore", timeout=None)
    shared_redis.set("other-application:session", "theirs")
    call_command("restore", archive, replace=True)
    assert cache.get(GENERATION_KEY) is None
    assert shared_redis.get("other-application:session") == b"theirs"


def test_a_backup_tells_the_operator_what_it_is_doing(content, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(archives, "PROGRESS_EVERY", 2)
    call_command("backup", output_dir=tmp_path / "backups")
    lines = capsys.readouterr().out.splitlines()
    media = len(content["media"])
    assert lines[0].startswith("Dumping the ")
    assert lines[1].startswith("Database dumped (")
    assert lines[2:-1] == [f"Media files: {n} of {media}" for n in (*range(2, media, 2), media)]
    assert lines[-1].startswith("Backed up the ")

    call_command("backup", output_dir=tmp_path / "backups", verbosity=0)
    assert capsys.readouterr().out.startswith("Backed up the "), "quiet: only the result"
