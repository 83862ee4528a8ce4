"""A Bolt server that knows one thing: to refuse every login, as Neo4j 5 does for a wrong
password. It speaks the real protocol (handshake, chunked PackStream messages) so the
official driver raises its real AuthError; tests use it for "bad credentials" without Neo4j."""

from __future__ import annotations

import socket
import struct
import threading

_VERSION_5_4 = b"\x00\x00\x04\x05"
_HELLO, _LOGON, _GOODBYE = 0x01, 0x6A, 0x02
_SUCCESS, _FAILURE = 0x70, 0x7F


def _string(text: str) -> bytes:
    data = text.encode("utf-8")
    if len(data) < 16:
        return bytes([0x80 | len(data)]) + data
    return b"\xd0" + bytes([len(data)]) + data  # all strings here are under 256 bytes


def _message(signature: int, fields: dict[str, str]) -> bytes:
    body = bytes([0xB1, signature, 0xA0 | len(fields)])
    body += b"".join(_string(k) + _string(v) for k, v in fields.items())
    return struct.pack(">H", len(body)) + body + b"\x00\x00"


class RefusingBoltServer:
    """`with RefusingBoltServer() as port:` a Bolt server on 127.0.0.1:port."""

    def __enter__(self) -> int:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self._sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self._sock.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        with conn:
            try:
                if self._read(conn, 20)[:4] != b"\x60\x60\xb0\x17":
                    return
                conn.sendall(_VERSION_5_4)
                while True:
                    signature = self._read_message(conn)
                    if signature == _HELLO:
                        conn.sendall(
                            _message(_SUCCESS, {"server": "Neo4j/5.26.0", "connection_id": "bolt-1"})
                        )
                    elif signature == _LOGON:
                        conn.sendall(
                            _message(
                                _FAILURE,
                                {
                                    "code": "Neo.ClientError.Security.Unauthorized",
                                    "message": "The client is unauthorized due to authentication failure.",
                                },
                            )
                        )
                    elif signature == _GOODBYE:
                        return
                    else:
                        conn.sendall(_message(_SUCCESS, {}))
            except (OSError, ConnectionError):
                return

    @staticmethod
    def _read(conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError("client left")
            data += chunk
        return data

    def _read_message(self, conn: socket.socket) -> int:
        """Read one chunked message; return its signature byte."""
        payload = b""
        while True:
            (size,) = struct.unpack(">H", self._read(conn, 2))
            if size == 0:
                if payload:
                    return payload[1]
                continue  # a NOOP chunk
            payload += self._read(conn, size)
