"""What the benchmark, the scale-out check and the fault runs share: services, databases, gunicorn.

They run the site as production does (cms.settings.production, gunicorn with the project's
gunicorn.conf.py, PostgreSQL, Redis) on the loopback interface, each against a database and a
Redis database number of its own, so they never touch the development or test data. The fault
runs stop and freeze servers, so they start a PostgreSQL cluster and a Redis server of their own
(`OwnPostgres`, `OwnRedis`) instead of sharing the machine's.
"""

import contextlib
import glob
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def postgres_ready():
    command = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]
    return subprocess.run(command).returncode == 0  # noqa: S603, S607 - fixed arguments


def ensure_services():
    """Start the local PostgreSQL server if it is down (as CI does) and check Redis answers."""
    if not postgres_ready():
        version = sorted(os.listdir("/etc/postgresql"))[0]
        log(f"Starting PostgreSQL {version}")
        subprocess.run(  # noqa: S603 - Debian's cluster tool, fixed arguments
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],  # noqa: S607
            check=True,
        )
        for _ in range(30):
            if postgres_ready():
                break
            time.sleep(1)
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError:
        sys.exit(f"Redis does not answer at {REDIS}: start it (service redis-server start).")


def environment(database, redis_db, postgres_url=POSTGRES, redis_url=REDIS, **extra):
    """Production settings for a site on loopback, with its own database and Redis database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{postgres_url}/{database}",
        "REDIS_URL": f"{redis_url}/{redis_db}",
        # Plain HTTP on loopback: no proxy in front to terminate TLS.
        "SECURE_SSL_REDIRECT": "false",
        # Production pools connections; with DB_POOL_MAX_SIZE=0 they persist instead.
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
    }
    # gunicorn.conf.py recycles each worker after about 2,000 requests. With two workers under
    # an even load both restart within a second of each other, and requests wait 1.5-2.5 s
    # meanwhile: that would be most of every p99 below. GUNICORN_MAX_REQUESTS=2000 measures it.
    env.setdefault("GUNICORN_MAX_REQUESTS", "0")
    env.update(extra)
    return env


def recreate_database(name, redis_db, postgres_url=POSTGRES, redis_url=REDIS):
    """An empty database `name` (dropped first if it exists) and an empty Redis database."""
    connection = psycopg.connect(f"{postgres_url}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    redis.Redis.from_url(f"{redis_url}/{redis_db}").flushdb()


def manage(env, *args, quiet=False, capture=False):
    """Run a manage.py command in `env` (its output returned with `capture`); raise if it fails."""
    output = subprocess.PIPE if capture else subprocess.DEVNULL if quiet else None
    command = [PYTHON, "manage.py", *args]
    result = subprocess.run(  # noqa: S603 - this interpreter, arguments built here
        command, cwd=ROOT, env=env, check=True, stdout=output, text=True
    )
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, headers=None, data=None, timeout=10):
    """(status, headers, body) of a GET (a POST with `data`), without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Gunicorn:
    """A gunicorn instance of the site on a free loopback port, stopped on leaving the block."""

    def __init__(self, env, workers=2, name="site"):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in __exit__
            prefix=f"gunicorn-{name}-", suffix=".log", delete=False
        )
        self.process = None

    def __enter__(self):
        command = [PYTHON, "-m", "gunicorn", "cms.wsgi:application"]
        if (ROOT / "gunicorn.conf.py").exists():
            command += ["--config", str(ROOT / "gunicorn.conf.py")]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, arguments built here
            command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self.wait_ready()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                if get(f"{self.url}/health/ready", timeout=5)[0] == 200:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not get ready; its log:\n{self.log_tail()}")

    def log_tail(self, lines=40):
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])

    def worker_pids(self):
        return child_pids(self.process.pid)

    def worker_cpu_seconds(self):
        """CPU time (user + system) used by the workers so far, including replaced workers.

        A worker that gunicorn recycled (max_requests) was reaped by the master, so its time
        is in the master's "children" counters; live workers count their own.
        """
        seconds = process_cpu_seconds(self.process.pid, children=True)
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                seconds += process_cpu_seconds(pid)
        return seconds

    def __exit__(self, exc_type, *exc):
        """Stop the master and its workers (their own process group), however the block ended."""
        if self.process:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        if exc_type is None:
            os.unlink(self.log.name)
        else:
            log(f"gunicorn's log: {self.log.name}")


def child_pids(parent):
    """The processes whose parent is `parent`, read from /proc."""
    pids = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                pids.append(int(stat.split("/")[2]))
    return pids


def signal_all(pids, signum):
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)


def wait_until(ready, timeout, what):
    """Poll `ready()` every 0.2 s until it is true; raise after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if ready():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {timeout} s")


class OwnPostgres:
    """A throwaway PostgreSQL cluster in a temporary directory, on a free loopback port.

    Trusts local connections and skips fsync: it lives for one run. initdb refuses to run as
    root, so as root the cluster belongs to the `postgres` user. The newest server installed
    under Debian's /usr/lib/postgresql is used, the version the client tools default to.
    """

    def __init__(self):
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"

    def run(self, tool, *args):
        binaries = glob.glob("/usr/lib/postgresql/*/bin")
        if not binaries:
            sys.exit("The PostgreSQL server is missing: apt-get install postgresql.")
        newest = max(binaries, key=lambda path: int(Path(path).parent.name))
        command = [f"{newest}/{tool}", *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(  # noqa: S603 - arguments built here
            command, cwd=self.directory, check=True, stdout=subprocess.DEVNULL
        )

    def __enter__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
        self.data = self.directory / "data"
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        server = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        try:
            self.run(
                "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--locale=C.UTF-8"
            )
            self.run("pg_ctl", "start", "-D", self.data, "-l", self.directory / "log", "-o", server)
        except BaseException:
            with contextlib.suppress(OSError):
                log(f"PostgreSQL's log:\n{(self.directory / 'log').read_text()}")
            self.__exit__(None, None, None)
            raise
        return self

    def pids(self):
        """The postmaster and every process it started (server processes, background workers)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        return [postmaster, *child_pids(postmaster)]

    def __exit__(self, *exc):
        """Stop the cluster (resumed first, should it be frozen) and delete its directory."""
        with contextlib.suppress(OSError, ValueError, IndexError):
            pids = self.pids()
            signal_all(pids, signal.SIGCONT)
            try:
                self.run("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w", "-t", "30")
            except subprocess.CalledProcessError:
                signal_all(pids, signal.SIGKILL)
        shutil.rmtree(self.directory, ignore_errors=True)


class OwnRedis:
    """A throwaway Redis server on a free loopback port, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        require("redis-server", "redis-server")
        self.directory = tempfile.mkdtemp(prefix="bench-redis-")
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", self.directory]
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, stdout=subprocess.DEVNULL, start_new_session=True
        )
        try:
            wait_until(redis.Redis.from_url(self.url, socket_timeout=1).ping, 10, "Redis")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    @property
    def pid(self):
        return self.process.pid

    def __exit__(self, *exc):
        """Stop the server (resumed first, should it be frozen) and delete its directory."""
        signal_all([self.process.pid], signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


def exit_on_sigterm():
    """Turn SIGTERM into SystemExit, so that `with Gunicorn(...)` blocks still stop their servers."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def process_cpu_seconds(pid, children=False):
    """User + system CPU time of a process (with `children`: of its reaped children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    first = 13 if children else 11
    return (int(fields[first]) + int(fields[first + 1])) / os.sysconf("SC_CLK_TCK")


class DatabaseCpu:
    """CPU time of the PostgreSQL server processes serving `database`, sampled in a thread.

    The site's queries run in server processes of their own, outside the gunicorn workers: their
    cost belongs beside the workers' CPU. A connection can close during a run (a recycled
    worker), so each process is sampled every 0.2 s and counted up to its last sample.
    """

    def __init__(self, database):
        self.database = database
        self.first, self.last = {}, {}
        self.stopped = threading.Event()

    def sample(self, cursor, start=False):
        """Note each process's CPU time; one that appears after the start counts from zero."""
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database])
        for (pid,) in cursor.fetchall():
            with contextlib.suppress(OSError):
                seconds = process_cpu_seconds(pid)
                self.first.setdefault(pid, seconds if start else 0.0)
                self.last[pid] = seconds

    def run(self):
        connection = psycopg.connect(f"{POSTGRES}/postgres")
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                self.sample(cursor, start=True)
                self.ready.set()
                while not self.stopped.wait(0.2):
                    self.sample(cursor)
                self.sample(cursor)
        finally:
            connection.close()

    def __enter__(self):
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        self.ready.wait(10)
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()

    @property
    def seconds(self):
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def machine():
    """The CPU, its cores, the load average before the run and Python: for the written reports."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    return {
        "cpu": model.group(1) if model else platform.processor(),
        "cores": os.cpu_count(),
        "load": " / ".join(f"{value:.1f}" for value in os.getloadavg()),
        "python": platform.python_version(),
    }


def require(command, package):
    if not shutil.which(command):
        sys.exit(f"{command} is missing: apt-get install {package} (make bench installs it).")
