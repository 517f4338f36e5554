"""Redis and PostgreSQL servers of a test's own, on free loopback ports, that it may stop and resume.

A stopped server (SIGSTOP) is what a hung one looks like to the site: the kernel still accepts
connections and acknowledges what is sent, and nothing ever answers.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
import redis


def free_port():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


def wait_until(ready, what):
    for _ in range(200):
        if ready():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start")


class RedisServer:
    def __init__(self, executable):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
        )
        self.client = redis.Redis(port=self.port)
        wait_until(self.answers, "redis-server")

    def answers(self):
        try:
            return self.client.ping()
        except redis.ConnectionError:
            return False

    def hang(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def close(self):
        self.resume()
        self.client.close()
        self.process.terminate()
        self.process.wait()


@contextlib.contextmanager
def redis_server():
    """A running redis-server (the test is skipped where none is installed)."""
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(executable)
    try:
        yield server
    finally:
        server.close()


def postgres_bin(name):
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        pytest.skip(f"PostgreSQL's {name} is not installed")
    return found


class PostgresServer:
    """A cluster made by initdb in a directory of its own, served on a free port.

    initdb refuses to run as root: as root, the cluster belongs to the postgres user.
    """

    def __init__(self, directory):
        self.directory = directory
        self.data = os.path.join(directory, "data")
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(directory, user="postgres")
        self.run(
            postgres_bin("initdb"), "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync"
        )
        self.run(
            postgres_bin("pg_ctl"),
            "start",
            "-w",
            "-D",
            self.data,
            "-l",
            os.path.join(directory, "log"),
            "-o",
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off",
        )
        with open(os.path.join(self.data, "postmaster.pid")) as pid_file:
            self.postmaster = int(pid_file.readline())
        self.params = {"host": "127.0.0.1", "port": self.port, "user": "postgres"}

    def run(self, *command):
        subprocess.run(  # noqa: S603 - fixed arguments
            [*self.as_owner, *command], check=True, capture_output=True, cwd=self.directory
        )

    def processes(self):
        """The postmaster and its children (each in a session of its own: no process group)."""
        children = subprocess.run(  # noqa: S603 - fixed arguments
            ["pgrep", "-P", str(self.postmaster)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        return [self.postmaster, *map(int, children)]

    def send(self, number):
        for pid in self.processes():
            # A backend listed a moment ago may have exited since.
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, number)

    def hang(self):
        """Stop the postmaster first: it starts no new backend that would escape."""
        self.send(signal.SIGSTOP)

    def resume(self):
        self.send(signal.SIGCONT)

    def close(self):
        self.resume()
        self.run(postgres_bin("pg_ctl"), "stop", "-D", self.data, "-m", "immediate")


@contextlib.contextmanager
def postgres_server():
    """A running PostgreSQL server (the test is skipped where initdb is not installed)."""
    directory = tempfile.mkdtemp(prefix="postgres-")
    try:
        server = PostgresServer(directory)
        try:
            yield server
        finally:
            server.close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)
