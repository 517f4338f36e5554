"""`make faults`: what visitors get while Redis or PostgreSQL hangs, and what a damaged backup does.

Serves the site as production does (gunicorn with 2 workers, cms.settings.production) from a
PostgreSQL cluster and a Redis server of its own, started in temporary directories on free
ports: the run freezes them, so it never uses the shared ones. The database gets the demo content
and a few inquiries sent through the form, then is backed up. Threads request public pages of
both languages and the health checks without a break, each request with a timeout, while:

1. Redis hangs: its process is stopped (SIGSTOP) for --hang seconds, then resumed.
2. PostgreSQL hangs: every process of the cluster is stopped for --hang seconds, then resumed.
3. The backup, cut in half, is restored with `--replace`: it must be refused, changing nothing.
4. The intact backup is restored with `--replace`: every table has its rows of the backup again.

Each case is watched for --before seconds before the fault, while it lasts and --after seconds
after it. Exits non-zero if a case lost rows, the intact restore did not give back the rows of
the backup, the truncated one was not refused, or a URL did not answer 2xx again within --after
seconds of a fault's end. Servers and temporary directories are removed on every exit, also on
Ctrl-C and SIGTERM. Prints the table and writes it to docs/faults.md.
"""

import argparse
import contextlib
import datetime
import http.client
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, namedtuple
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import psycopg
import redis
from psycopg import sql
from scale_out import Browser, token
from services import (
    PYTHON,
    ROOT,
    Gunicorn,
    OwnPostgres,
    OwnRedis,
    environment,
    exit_on_sigterm,
    free_port,
    get,
    log,
    machine,
    manage,
    recreate_database,
    signal_all,
)

DATABASE = "remigration_faults"
URLS = [
    "/lv/",
    "/en/",
    "/lv/regioni/zemgale/",
    "/en/regions/zemgale/",
    "/lv/kontakti/",
    "/en/contacts/",
    "/lv/buj/",
    "/en/faq/",
    "/lv/aktualitates/",
    "/en/news/",
    "/lv/aktualitates/?page=1",  # a query string: rendered from the database every time
    "/health/live",
    "/health/ready",
]
INQUIRY_FORM = "/lv/pieteikums/"
INQUIRIES = 3
KEY_TABLES = {
    "pages": "wagtailcore_page",
    "revisions": "wagtailcore_revision",
    "contacts": "regions_contact",
    "inquiries": "inquiries_inquiry",
}
# Between two requests of one thread: the load stays light on a shared machine.
PAUSE = 0.05
RESTORE_TIMEOUT = 300
# A database that does not answer fails a request after this long (the 503 page), within the
# load's request timeout; production waits longer.
SETTINGS = {"DB_CLIENT_TIMEOUT_S": "3"}
TRUNCATED = "Restore: truncated archive"
INTACT = "Restore: intact archive"


Restored = namedtuple("Restored", "code message")


@dataclass
class Answer:
    start: float
    end: float
    path: str
    status: int | None  # None: a timeout or a connection error


class Load:
    """Threads requesting URLS in turn until the block ends; every answer kept with its times."""

    def __init__(self, site, threads, timeout):
        self.site, self.timeout = site, timeout
        self.answers = []
        self.stopped = threading.Event()
        self.threads = [
            threading.Thread(target=self.run, args=(n * len(URLS) // threads,), daemon=True)
            for n in range(threads)
        ]

    def run(self, offset):
        n = offset
        while not self.stopped.is_set():
            path = URLS[n % len(URLS)]
            start = time.monotonic()
            try:
                status = get(self.site.url + path, timeout=self.timeout)[0]
            except (OSError, http.client.HTTPException):
                status = None
            self.answers.append(Answer(start, time.monotonic(), path, status))
            n += 1
            self.stopped.wait(PAUSE)

    def periods(self, started, ended, before, after):
        """The answers before a fault (over before it began), during it (in flight at some time
        of it) and after it (sent after it ended), over the given seconds before and after."""
        answers = list(self.answers)
        return {
            "before": [a for a in answers if started - before <= a.start and a.end < started],
            "during": [a for a in answers if a.start < ended and a.end >= started],
            "after": [a for a in answers if ended <= a.start < ended + after],
        }

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        for thread in self.threads:
            thread.join(self.timeout + 1)


def served(answer):
    return answer.status is not None and 200 <= answer.status < 300


def figures(answers, recovering_since=None):
    """One period's row. With `recovering_since` (the fault's end): the seconds from then until
    every URL had answered 2xx to a request sent after it, None if one never did."""
    statuses = [answer.status for answer in answers]
    row = {
        "sent": len(answers),
        "2xx": sum(1 for answer in answers if served(answer)),
        "5xx": sum(1 for status in statuses if status and status >= 500),
        "errors": statuses.count(None),
        "longest": max((answer.end - answer.start for answer in answers), default=0.0),
        "failed": Counter(answer.path for answer in answers if not served(answer)),
    }
    row["other"] = row["sent"] - row["2xx"] - row["5xx"] - row["errors"]
    if recovering_since is not None:
        first_ok = {}
        for answer in sorted(answers, key=lambda answer: answer.end):
            if served(answer):
                first_ok.setdefault(answer.path, answer.end - recovering_since)
        row["recovered"] = max(first_ok.values()) if len(first_ok) == len(URLS) else None
    return row


def connect(postgres, database=DATABASE):
    return contextlib.closing(psycopg.connect(f"{postgres.url}/{database}", connect_timeout=5))


def count_rows(postgres):
    """The rows of every table in the site's database."""
    counts = {}
    with connect(postgres) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in cursor.fetchall():
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def rows_lost(before, after):
    return sum(max(0, rows - after.get(table, 0)) for table, rows in before.items())


def key_rows(counts):
    return ", ".join(f"{name} {counts.get(table, 0)}" for name, table in KEY_TABLES.items())


def freeze(pids, seconds):
    """Stop the processes `pids()` lists for `seconds`, then resume them, however this ends.

    A second look catches a process started while the first ones were being stopped."""
    frozen = []
    try:
        for _ in range(2):
            new = [pid for pid in pids() if pid not in frozen]
            signal_all(new, signal.SIGSTOP)
            frozen += new
        time.sleep(seconds)
    finally:
        signal_all(frozen, signal.SIGCONT)


def restore(env, archive):
    """Run `manage.py restore ARCHIVE --replace`: its exit code and last line of output (with the
    archive's temporary directory left out: the message goes into the report)."""
    command = [PYTHON, "manage.py", "restore", str(archive), "--replace"]
    try:
        result = subprocess.run(  # noqa: S603 - this interpreter, arguments built here
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=RESTORE_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return Restored(None, f"did not finish within {RESTORE_TIMEOUT} s")
    lines = (result.stderr.strip() or result.stdout.strip()).splitlines()
    message = lines[-1].replace(f"{archive.parent}/", "") if lines else ""
    return Restored(result.returncode, message)


def send_inquiries(site, number=INQUIRIES):
    """Inquiries sent through the form, as a visitor sends them (GET for the token, then POST)."""
    url = site.url + INQUIRY_FORM
    for n in range(1, number + 1):
        visitor = Browser()
        _, _, html = visitor.request(url)
        form = {
            "csrfmiddlewaretoken": token(html),
            "name": f"Faults check {n}",
            "email": f"faults-{n}@example.com",
            "country": "IE",
            "contact_language": "lv",
            "adults": "2",
            "place": "undecided",
            "return_plan": "unsure",
        }
        status, headers, _ = visitor.request(url, data=form, referer=url)
        if status != 302 or not headers.get("Location", "").endswith("/done/"):
            sys.exit(f"The inquiry form answered {status} instead of sending on to done/.")


def warm(site):
    """Every URL requested twice, so that cacheable pages are in the page cache; all must be 2xx."""
    for path in URLS:
        get(site.url + path)
        status = get(site.url + path)[0]
        if status != 200:
            sys.exit(f"{path} answered {status} before the fault:\n{site.log_tail()}")


def watch(name, fault, baseline, site, load, postgres, args):
    """One case: the load's figures before, during and after `fault()`, what the fault returned,
    and the rows lost against `baseline` (None: the rows before the case)."""
    warm(site)
    baseline = baseline or count_rows(postgres)
    log(f"{name}: watching {args.before} s before the fault")
    time.sleep(args.before)
    started = time.monotonic()
    outcome = fault()
    ended = time.monotonic()
    log(f"{name}: the fault is over{f', {outcome}' if outcome else ''}; watching {args.after} s")
    time.sleep(args.after)
    after = count_rows(postgres)
    answers = load.periods(started, ended, args.before, args.after)
    periods = {
        "before": figures(answers["before"]),
        "during": figures(answers["during"]),
        "after": figures(answers["after"], recovering_since=ended),
    }
    periods["during"]["seconds"] = ended - started
    periods["after"].update(
        lost=rows_lost(baseline, after), changed=after != baseline, outcome=outcome
    )
    rows = [{"case": name, "period": period, **row} for period, row in periods.items()]
    for row in rows:
        log(f"{name:26} {row['period']:6} {cells(row, args)}")
    return rows


def cells(row, args):
    recovered = row.get("recovered", "")
    if "recovered" in row:
        recovered = "not in time" if recovered is None else f"{recovered:.1f}"
    seconds = row.get("seconds", args.before if row["period"] == "before" else args.after)
    return (
        f"| {seconds:.1f} | {row['sent']} | {row['2xx']} | {row['5xx']} | {row['other']} "
        f"| {row['errors']} | {row['longest']:.2f} | {recovered} | {row.get('lost', '')} |"
    )


def checks(rows, args):
    """(met, text) for each thing the run must show."""
    afters = {row["case"]: row for row in rows if row["period"] == "after"}
    slow = [
        case
        for case, row in afters.items()
        if row["recovered"] is None or row["recovered"] > args.after
    ]
    lost = sum(row["lost"] for row in afters.values())
    truncated_code = afters[TRUNCATED]["outcome"].code
    intact_code = afters[INTACT]["outcome"].code
    return [
        (lost == 0, f"no case lost rows ({lost} lost)"),
        (
            not slow,
            f"every URL answered 2xx again within {args.after} s of each fault's end"
            + (f" (not after: {', '.join(slow)})" if slow else ""),
        ),
        (
            truncated_code not in (0, None),
            f"the truncated archive was refused (exit code {truncated_code})",
        ),
        (
            intact_code == 0 and not afters[INTACT]["changed"],
            f"the intact archive restored every table's rows of the backup (exit code {intact_code})",
        ),
    ]


def report(args, info, rows, backup_counts, started):
    table = "\n".join(f"| {row['case']} | {row['period']} {cells(row, args)}" for row in rows)
    restores = "\n".join(
        f"- {row['case']}: exit code {row['outcome'].code}, `{row['outcome'].message}`"
        for row in rows
        if row["case"] in (TRUNCATED, INTACT) and row["period"] == "after"
    )
    failed = "\n".join(
        f"- {row['case']}, {row['period']}: "
        + ", ".join(f"`{path}` {number}" for path, number in sorted(row["failed"].items()))
        for row in rows
        if row["failed"]
    )
    results = "\n".join(
        f"- {'met' if met else '**not met**'}: {text}" for met, text in checks(rows, args)
    )
    command = " ".join([str(Path(__file__).relative_to(ROOT)), *sys.argv[1:]])
    settings = ", ".join(f"`{key}={value}`" for key, value in SETTINGS.items())
    return f"""# Faults

Written by `make faults` (`{command}`) on {started:%Y-%m-%d %H:%M} UTC. Figures from one run
on a shared machine: how long a request takes moves with whatever else runs there.

## Machine and set-up

- CPU: {info["cpu"]}, {info["cores"]} cores; load average (1/5/15 min) before the run: {info["load"]}
- Python {info["python"]}, PostgreSQL {info["postgres"]}, Redis {info["redis"]}: a cluster and a
  Redis server of the run's own, in temporary directories on free loopback ports
- gunicorn with 2 workers (gunicorn.conf.py), `cms.settings.production`, the demo content and
  {INQUIRIES} inquiries sent through the form; set for the run: {settings}; e-mail goes to a
  closed local port (none is sent)
- Load: {args.threads} threads, each requesting in turn {", ".join(f"`{url}`" for url in URLS)},
  with a {args.timeout:g} s timeout per request and {PAUSE} s between requests
- Each case: {args.before} s watched before the fault, the fault (a hang: {args.hang} s, SIGSTOP
  then SIGCONT), {args.after} s watched after it

## Results

- *before*: requests answered before the fault began; *during*: every request in flight at some
  time of the fault; *after*: requests sent after it ended. *s*: the period's length.
- *errors*: timeouts and refused or broken connections; *longest s*: the slowest request (a
  timeout counts as its {args.timeout:g} s).
- *recovered after s*: seconds from the end of the fault until every URL had answered 2xx to a
  request sent after it (this includes the time the threads take to come round to each URL).
- *rows lost*: rows of any table counted before the case and gone after it (for the intact
  restore: counted against the backup).

| Case | Period | s | sent | 2xx | 5xx | other | errors | longest s | recovered after s | rows lost |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{table}

Requests not answered 2xx, by URL:

{failed or "- none"}

The backup, encrypted as production's (`BACKUP_RECIPIENTS`, a key pair of the run's own), held
{sum(backup_counts.values())} rows in {len(backup_counts)} tables ({key_rows(backup_counts)}).
The truncated archive is its first half. `manage.py restore ARCHIVE --replace` answered:

{restores}

## Checks

{results}
"""


def set_up(env, work):
    """The site's database with the demo content and its teams, static files, and a key pair of
    the run's own so that backups are encrypted as production's are."""
    log("Migrating and loading the demo content")
    manage(env, "migrate", "--no-input", quiet=True)
    manage(env, "load_demo_content", quiet=True)
    manage(env, "provision_teams", quiet=True)
    manage(env, "collectstatic", "--no-input", quiet=True)
    identity = work / "identity.txt"
    keygen = manage(env, "backup_keygen", "--output", str(identity), capture=True)
    env["BACKUP_RECIPIENTS"] = keygen.split()[-1]  # the last word: the public key
    env["BACKUP_IDENTITY_FILE"] = str(identity)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hang", type=int, default=20, help="seconds each server is frozen")
    parser.add_argument("--before", type=int, default=5, help="seconds watched before a fault")
    parser.add_argument(
        "--after", type=int, default=30, help="seconds watched after a fault: the time to recover"
    )
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=5, help="seconds for one request")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "faults.md")
    args = parser.parse_args()

    exit_on_sigterm()
    started = datetime.datetime.now(datetime.UTC)
    info = machine()
    with OwnPostgres() as postgres, OwnRedis() as cache, tempfile.TemporaryDirectory() as work:
        work = Path(work)
        env = environment(
            DATABASE,
            0,
            postgres.url,
            cache.url,
            MEDIA_ROOT=str(work / "media"),
            # Nothing listens there: the inquiries' e-mails fail at once and are never sent.
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(free_port()),
            **SETTINGS,
        )
        with connect(postgres, "postgres") as connection, connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgres"] = cursor.fetchone()[0].split()[0]
        info["redis"] = redis.Redis.from_url(cache.url).info()["redis_version"]
        recreate_database(DATABASE, 0, postgres.url, cache.url)

        log(f"Own PostgreSQL at {postgres.url}, own Redis at {cache.url}")
        set_up(env, work)

        with Gunicorn(env, workers=2, name="faults") as site:
            send_inquiries(site)
            manage(env, "backup", "--output-dir", str(work / "backups"), quiet=True)
            archive = next((work / "backups").iterdir())
            truncated = work / f"truncated-{archive.name}"
            data = archive.read_bytes()
            truncated.write_bytes(data[: len(data) // 2])
            backup_counts = count_rows(postgres)
            log(f"Backed up {len(data)} bytes: {key_rows(backup_counts)}")

            cases = [
                ("Redis hang", partial(freeze, lambda: [cache.pid], args.hang), None),
                ("PostgreSQL hang", partial(freeze, postgres.pids, args.hang), None),
                (TRUNCATED, partial(restore, env, truncated), None),
                (INTACT, partial(restore, env, archive), backup_counts),
            ]
            rows = []
            with Load(site, args.threads, args.timeout) as load:
                for name, fault, baseline in cases:
                    rows += watch(name, fault, baseline, site, load, postgres, args)

    text = report(args, info, rows, backup_counts, started)
    args.output.write_text(text, encoding="utf-8")
    print("\n" + text.split("## Results", 1)[1])
    log(f"Written to {args.output}")
    return 0 if all(met for met, _ in checks(rows, args)) else 1


if __name__ == "__main__":
    sys.exit(main())
