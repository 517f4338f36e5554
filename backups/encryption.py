"""Encrypted backups: the age format (age-encryption.org/v1) through pyrage, rage's Python binding.

Archives hold personal data (inquiries), so they are encrypted to the operators' X25519 public
keys (`BACKUP_RECIPIENTS`): the server that writes backups cannot read them; only an identity
(private key) kept offline opens them. age is a published standard with audited implementations
and streaming authenticated encryption (64 KiB chunks; a truncated or altered file fails to
decrypt), and the `age`/`rage` tools open the same files: `age -d -i identity.txt
remigration-….tar.gz.age > remigration-….tar.gz`.
"""

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pyrage
from django.core.management.base import CommandError
from django.utils import timezone
from pyrage import x25519

SUFFIX = ".age"
HEADER = b"age-encryption.org/v1\n"


def owner_only(name, flags):
    return os.open(name, flags, 0o600)


def private_file(path):
    """A new binary file (never an existing one) that only its owner can read: it holds personal
    data or a private key."""
    return open(path, "xb", opener=owner_only)  # noqa: SIM115 - the caller closes it


def recipients(keys):
    """The age recipients of the public keys (`age1…`), checked before a backup starts. A wrong
    key is named by its position, not echoed: it may be a private key pasted by mistake."""
    parsed = []
    for position, key in enumerate(keys, start=1):
        try:
            parsed.append(x25519.Recipient.from_str(key))
        except pyrage.RecipientError as error:
            raise CommandError(
                f"BACKUP_RECIPIENTS must hold age public keys (age1…); key {position} is not "
                f"one ({error})."
            ) from None
    return parsed


def new_identity():
    """A new identity file's text, in age-keygen's layout, and its public key."""
    identity = x25519.Identity.generate()
    public = str(identity.to_public())
    created = timezone.now().isoformat(timespec="seconds")
    return f"# created: {created}\n# public key: {public}\n{identity}\n", public


def read_identities(path):
    """The identities in an age identity file (as `backup_keygen` and age-keygen write them)."""
    try:
        lines = Path(path).read_text().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read the identity file {path} ({error}).") from None
    keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    try:
        identities = [x25519.Identity.from_str(key) for key in keys]
    except pyrage.IdentityError:
        identities = []
    if not identities:
        raise CommandError(f"{path} is not an age identity file (AGE-SECRET-KEY-1…).")
    return identities


def is_encrypted(path):
    with open(path, "rb") as file:
        return file.read(len(HEADER)) == HEADER


class CheckedWriter:
    """The encrypted file, keeping its first write error: pyrage 1.4 writes its last buffer when
    its writer is dropped, and loses that write's error (a full disk would leave a truncated
    archive that looks complete)."""

    def __init__(self, file):
        self.file = file
        self.error = None

    def write(self, data):
        try:
            return self.file.write(data)
        except OSError as error:
            self.error = self.error or error
            raise


@contextmanager
def encrypting(target, keys):
    """A binary file whose bytes reach the open file `target` only encrypted to `keys`.

    pyrage encrypts from a readable file into a writable one, so what is written here goes
    through a pipe that another thread encrypts: the plaintext is never on disk and never whole
    in memory. When encryption fails, the pipe is closed, so the next write here fails too.
    """
    target = CheckedWriter(target)
    read_end, write_end = os.pipe()
    source = open(read_end, "rb", buffering=0)  # noqa: SIM115 - closed by the encrypting thread
    failure = []

    def encrypt():
        with source:
            try:
                pyrage.encrypt_io(source, target, keys)
                if target.error:
                    raise target.error
            except Exception as error:
                failure.append(error)  # reported by the writing thread

    thread = threading.Thread(target=encrypt, name="backup-encryption")
    thread.start()
    try:
        with open(write_end, "wb") as sink:
            yield sink
    finally:
        thread.join()
        if failure:  # the cause of the writer's broken pipe, if it had one
            raise CommandError(f"Encrypting the backup failed ({failure[0]}).") from failure[0]


def decrypt(archive, identity_file, directory):
    """Decrypt `archive` into `directory`, chunk by chunk, each chunk authenticated, and return
    the plaintext archive's path.

    A wrong identity, a truncated or an altered archive is refused; the directory may then hold
    part of the plaintext, so it must be a temporary one that is removed.
    """
    if not identity_file:
        raise CommandError(
            f"{archive} is encrypted: give the file of the identity that opens it with "
            "--identity (or BACKUP_IDENTITY_FILE). Nothing was restored."
        )
    identities = read_identities(identity_file)
    plaintext = directory / Path(archive).name.removesuffix(SUFFIX)
    try:
        pyrage.decrypt_file(str(archive), str(plaintext), identities)
    except (pyrage.DecryptError, OSError) as error:
        raise CommandError(
            f"{archive} could not be decrypted ({error}): either the identity is not one it was "
            "encrypted to, or the archive is truncated or was altered. Nothing was restored."
        ) from None
    return plaintext
