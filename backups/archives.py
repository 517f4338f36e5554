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

Archive layout: `manifest.json` (format, engine, time, the SHA-256 of the database dump and of
every media file), `database.pgdump` or `database.sqlite3`, and `media/<name>` for every stored
file. An encrypted archive (`.tar.gz.age`) is the same tar.gz in the age format
(`backups.encryption`); `restore` decrypts it into a temporary directory and then checks it as it
checks any other.

A restore changes nothing until the whole archive has been read and every member matches its
checksum, and the database is swapped only once the dump has loaded: a truncated or altered
archive leaves the site as it was.
"""

import gzip
import hashlib
import io
import itertools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import nullcontext
from pathlib import Path, PurePosixPath

from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from wagtail.models import Site

from backups.encryption import SUFFIX, decrypt, encrypting, is_encrypted, private_file
from core.cache import invalidate

# Format 2 added the dump's checksum; format 1 archives still restore, their dump checked by loading.
FORMAT = 2
READABLE_FORMATS = {1, 2}
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


def sqlite_file():
    """The SQLite database file, or None for an in-memory database (which has no file to swap)."""
    if engine() == "sqlite" and not connection.is_in_memory_db():
        return Path(connection.settings_dict["NAME"])
    return None


def prepare_load(dump):
    """Check that the dump is complete and loadable, before anything in the site is changed.

    Returns what `load_database` loads: the SQL script of a PostgreSQL dump (pg_restore reads the
    whole dump to write it), or the SQLite file after its integrity check.
    """
    if engine() == "postgresql":
        script = dump.with_suffix(".sql")
        run_tool("pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(dump))
        return script
    try:
        with sqlite3.connect(dump) as database:
            result = database.execute("PRAGMA integrity_check").fetchone()[0]
        database.close()
    except sqlite3.DatabaseError as error:
        result = str(error)
    if result != "ok":
        raise CommandError(f"The database in the archive is damaged ({result}).")
    return dump


def load_database(prepared, replace=False):
    """Load the checked dump so that the site sees either the old database or the new one.

    PostgreSQL: dropping the old schema and loading the new one run in one transaction, so a
    load that fails rolls back to the old schema. SQLite: the new file replaces the old one in a
    single rename (an in-memory database is overwritten by one online-backup step instead).
    """
    connection.close()
    if engine() == "postgresql":
        clear = ["--command=DROP SCHEMA public CASCADE; CREATE SCHEMA public;"] if replace else []
        run_tool(
            "psql",
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            *clear,
            f"--file={prepared}",
        )
    elif (target := sqlite_file()) is not None:
        if target.exists():
            shutil.copymode(target, prepared)  # the dump is personal data: keep the file's mode
        os.replace(prepared, target)
    else:
        connection.ensure_connection()
        with sqlite3.connect(prepared) as source:
            source.backup(connection.connection)
        source.close()
    connection.close()


def clear_site_cache():
    """Forget what was cached from the replaced database, and only this site's keys.

    The cache server may be shared with other applications, so no FLUSHDB (`cache.clear()`):
    Redis deletes the keys under this site's KEY_PREFIX, other caches get a new page-cache
    generation. Wagtail keeps its site roots under a key version of its own.
    """
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        invalidate()
    Site.clear_site_root_paths_cache()


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


def sha256(source, copy_to=None):
    """The SHA-256 of an open binary file read to its end (copied into the open file `copy_to` on
    the way), read in chunks: dumps and media files can be larger than memory."""
    digest = hashlib.sha256()
    while chunk := source.read(File.DEFAULT_CHUNK_SIZE):
        digest.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest()


def new_archive(directory, suffix):
    """The path of a new archive and its temporary file, opened: a name no other backup has,
    even one started in the same second."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    for counter in itertools.count(1):
        archive = directory / f"remigration-{stamp}{f'-{counter}' if counter > 1 else ''}{suffix}"
        if not archive.exists():
            try:
                return archive, private_file(archive.with_name(f".{archive.name}.partial"))
            except FileExistsError:
                continue


# A progress line after this many media files (and after the last).
PROGRESS_EVERY = 100


def write_archive(output, manifest, progress):
    """Stream the database dump, every media file and the manifest as a tar.gz into `output`,
    telling `progress` what it is doing (a large site's backup takes minutes)."""
    media = {}
    with tempfile.TemporaryDirectory() as work, tarfile.open(mode="w|gz", fileobj=output) as tar:
        dump = Path(work) / DUMPS[manifest["engine"]]
        progress(f"Dumping the {manifest['engine']} database…")
        dump_database(dump)
        with dump.open("rb") as file:
            manifest["database"] = sha256(file)
        progress(f"Database dumped ({dump.stat().st_size / 1e6:.1f} MB); adding it to the archive…")
        tar.add(dump, arcname=dump.name)
        names = list(media_names())
        for count, name in enumerate(names, 1):
            with default_storage.open(name, "rb") as file:
                media[name] = sha256(file)
                file.seek(0)
                info = tarfile.TarInfo(str(MEDIA / name))
                info.size = default_storage.size(name)
                tar.addfile(info, file)
            if count % PROGRESS_EVERY == 0 or count == len(names):
                progress(f"Media files: {count} of {len(names)}")
        manifest["media"] = media
        data = json.dumps(manifest, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def create_archive(directory, recipients=(), progress=lambda message: None):
    """Write a new archive into `directory`, encrypted to `recipients` if there are any, and
    return its path and manifest.

    The archive is written under a hidden temporary name, readable only by its owner, and renamed
    once complete: a failed backup leaves no file, and neither `--keep` nor a copy running at the
    same time takes a half-written archive for a backup.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    archive, output = new_archive(directory, ".tar.gz" + (SUFFIX if recipients else ""))
    partial = Path(output.name)
    manifest = {"format": FORMAT, "created": timezone.now().isoformat(), "engine": engine()}
    try:
        with output:
            with encrypting(output, recipients) if recipients else nullcontext(output) as sink:
                write_archive(sink, manifest, progress)
            output.flush()
            os.fsync(output.fileno())
        partial.rename(archive)
    except BaseException:
        partial.unlink()
        raise
    return archive, manifest


ARCHIVE_NAME = re.compile(r"remigration-(\d{8}-\d{6})(?:-(\d+))?\.tar\.gz(?:\.age)?")


def rotate(directory, keep):
    """Delete all but the `keep` newest archives in `directory` and return the deleted paths.

    Only names `create_archive` writes count, encrypted or not, ordered by the time in the name
    (and its counter for archives of the same second), so that copied files with new mtimes sort
    correctly."""
    archives = []
    for path in Path(directory).iterdir():
        if match := ARCHIVE_NAME.fullmatch(path.name):
            archives.append(((match[1], int(match[2] or 1)), path))
    old = [path for _, path in sorted(archives, reverse=True)[keep:]]
    for path in old:
        path.unlink()
    return old


def safe_media_name(member_name):
    """The storage name of an archive member under media/, refusing anything that escapes it."""
    path = PurePosixPath(member_name)
    if path.is_absolute() or ".." in path.parts or path.parts[:1] != MEDIA.parts:
        raise CommandError(f"Refusing the archive member {member_name!r}.")
    return str(path.relative_to(MEDIA))


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except KeyError:
        raise CommandError(f"{tar.name} is not a backup of this site.") from None
    if manifest.get("format") not in READABLE_FORMATS:
        raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
    if manifest["engine"] != engine():
        raise CommandError(
            f"The backup is of a {manifest['engine']} database; this site uses {engine()}."
        )
    return manifest


def verify_archive(archive, work):
    """Read the whole archive, check every member against the manifest's checksum and unpack the
    dump into `work`; return the manifest and the dump's path. Nothing else is touched, so a
    truncated or altered archive is refused before the restore changes anything."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = read_manifest(tar)
            dump_name = DUMPS[manifest["engine"]]
            expected = {str(MEDIA / name): digest for name, digest in manifest["media"].items()}
            expected[dump_name] = manifest.get("database")
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if member.name not in expected or not member.isfile():
                    raise CommandError(f"Unexpected archive member {member.name!r}.")
                source = tar.extractfile(member)
                if member.name == dump_name:
                    with (work / dump_name).open("wb") as copy:
                        digest = sha256(source, copy_to=copy)
                    if manifest["format"] == 1:  # no checksum yet: `prepare_load` checks the dump
                        expected[dump_name] = digest
                else:
                    safe_media_name(member.name)
                    digest = sha256(source)
                if digest != expected.pop(member.name):
                    raise CommandError(
                        f"{member.name} does not match its checksum: the archive is damaged or "
                        "was altered. Nothing was restored."
                    )
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise CommandError(
            f"{archive} is truncated or damaged ({error}). Nothing was restored."
        ) from None
    if expected:
        raise CommandError(
            f"The archive lacks {', '.join(sorted(expected))}: it is incomplete. "
            "Nothing was restored."
        )
    return manifest, work / dump_name


def restore_media(archive, manifest):
    """Write every media file of the (verified) archive into the storage; return their number."""
    dump_name = DUMPS[manifest["engine"]]
    restored = 0
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if member.name in (MANIFEST, dump_name):
                continue
            name = safe_media_name(member.name)
            file = File(tar.extractfile(member), name=name)
            if sha256(file) != manifest["media"][name]:
                raise CommandError(f"{name} changed in the archive during the restore.")
            file.seek(0)
            if default_storage.exists(name):
                default_storage.delete(name)
            if default_storage.save(name, file) != name:
                raise CommandError(f"The storage renamed {name}; media would not match.")
            restored += 1
    return restored


def restore_archive(archive, replace=False, identity_file=None):
    """Load the archive's database and media into the current database and storage.

    An encrypted archive is first decrypted with the identities in `identity_file` into a
    temporary directory. The archive is checked in full first; the database is swapped only once
    its dump loaded.
    """
    # On SQLite the dump is unpacked next to the database file, so that it can be renamed over it.
    database_file = sqlite_file()
    with tempfile.TemporaryDirectory(dir=database_file and database_file.parent) as work:
        if is_encrypted(archive):
            archive = decrypt(archive, identity_file, Path(work))
        manifest, dump = verify_archive(archive, Path(work))
        if not replace and not database_is_empty():
            raise CommandError(
                "The database is not empty. Restore into an empty database, "
                "or pass --replace to drop everything in it first."
            )
        load_database(prepare_load(dump), replace=replace)
        return manifest, restore_media(archive, manifest)
