"""Backups: the database and every media file in one timestamped .tar.gz archive.

The database is dumped with its own engine's tool, not with dumpdata: `pg_dump` (custom format)
on PostgreSQL and SQLite's online backup on SQLite. A backup must give back exactly what was
there: sequences, the text-search configuration made by a migration, revisions and
translation sources byte for byte, and it must not depend on model code loading its own data
back (dumpdata/loaddata of a Wagtail tree needs natural keys, a flush of what the migrations
created and signal-free saves, and gets slow and memory-hungry as the site grows). The price is
that an archive restores only into the same engine; moving between engines is a migration, not
a restore. `pg_dump`/`pg_restore` must match the server's major version.

Media files are read and written through Django's storage API, so the same commands work with
files on the local disk and in an S3-compatible bucket.

Archive layout: `manifest.json` (format, engine, time, media files with their SHA-256),
`database.pgdump` or `database.sqlite3`, and `media/<name>` for every stored file.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA = PurePosixPath("media")


def engine():
    if connection.vendor not in DUMPS:
        raise CommandError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def postgres_environment():
    """libpq's environment for the default database, so no password appears in a command line."""
    config = connection.settings_dict
    values = {
        "PGDATABASE": config["NAME"],
        "PGUSER": config.get("USER"),
        "PGPASSWORD": config.get("PASSWORD"),
        "PGHOST": config.get("HOST"),
        "PGPORT": str(config.get("PORT") or ""),
        "PGSSLMODE": config.get("OPTIONS", {}).get("sslmode"),
    }
    return os.environ | {key: value for key, value in values.items() if value}


def run_tool(*command):
    tool = shutil.which(command[0])
    if tool is None:
        raise CommandError(f"{command[0]} is not installed (the PostgreSQL client tools).")
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
        [tool, *command[1:]], env=postgres_environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(path):
    if engine() == "postgresql":
        run_tool("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}")
    else:
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()


def database_is_empty():
    return not connection.introspection.table_names()


def clear_database():
    """Drop everything, for --replace: the restore then starts from an empty database."""
    if engine() == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    # On SQLite the online backup overwrites the whole database file anyway.


def load_database(path):
    if engine() == "postgresql":
        connection.close()
        run_tool(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
    connection.close()


def media_names(directory=""):
    """Every file name in the default storage, walked through the storage API."""
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for child in sorted(directories):
        yield from media_names(f"{directory}/{child}" if directory else child)


def sha256(file):
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def create_archive(directory):
    """Write a new archive into `directory` and return its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"remigration-{stamp}.tar.gz"
    counter = 1
    while archive.exists():
        counter += 1
        archive = directory / f"remigration-{stamp}-{counter}.tar.gz"

    manifest = {"format": FORMAT, "created": timezone.now().isoformat(), "engine": engine()}
    media = {}
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "w:gz") as tar:
        dump = Path(work) / DUMPS[manifest["engine"]]
        dump_database(dump)
        tar.add(dump, arcname=dump.name)
        for name in media_names():
            with default_storage.open(name, "rb") as file:
                media[name] = sha256(file)
                file.seek(0)
                info = tarfile.TarInfo(str(MEDIA / name))
                info.size = default_storage.size(name)
                tar.addfile(info, file)
        manifest["media"] = media
        data = json.dumps(manifest, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return archive, manifest


def safe_media_name(member_name):
    """The storage name of an archive member under media/, refusing anything that escapes it."""
    path = PurePosixPath(member_name)
    if path.is_absolute() or ".." in path.parts or path.parts[:1] != MEDIA.parts:
        raise CommandError(f"Refusing the archive member {member_name!r}.")
    return str(path.relative_to(MEDIA))


def restore_archive(archive, replace=False):
    """Load the archive's database and media into the current database and storage."""
    with tarfile.open(archive, "r:gz") as tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
        except KeyError:
            raise CommandError(f"{archive} is not a backup of this site.") from None
        if manifest.get("format") != FORMAT:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest["engine"] != engine():
            raise CommandError(
                f"The backup is of a {manifest['engine']} database; this site uses {engine()}."
            )
        if not database_is_empty():
            if not replace:
                raise CommandError(
                    "The database is not empty. Restore into an empty database, "
                    "or pass --replace to drop everything in it first."
                )
            clear_database()

        with tempfile.TemporaryDirectory() as work:
            dump_name = DUMPS[manifest["engine"]]
            dump = Path(work) / dump_name
            with tar.extractfile(dump_name) as source, dump.open("wb") as target:
                shutil.copyfileobj(source, target)
            load_database(dump)

        restored = 0
        for member in tar.getmembers():
            if member.name in (MANIFEST, dump_name):
                continue
            name = safe_media_name(member.name)
            if not member.isfile() or name not in manifest["media"]:
                raise CommandError(f"Unexpected archive member {member.name!r}.")
            file = File(tar.extractfile(member), name=name)
            if sha256(file) != manifest["media"][name]:
                raise CommandError(f"{name} is damaged in the archive.")
            file.seek(0)
            if default_storage.exists(name):
                default_storage.delete(name)
            if default_storage.save(name, file) != name:
                raise CommandError(f"The storage renamed {name}; media would not match.")
            restored += 1
    return manifest, restored
