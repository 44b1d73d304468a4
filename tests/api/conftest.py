"""Fixtures for the API client tests: a real TCP relay that can lose answers."""

from __future__ import annotations

import socket
import threading

import pytest


class LossyRelay:
    """A TCP relay on 127.0.0.1 in front of the server. In `drop_answers` mode it
    forwards each request to the server but closes the client's connection instead of
    returning the answer — the server did the work, the client never heard back: the
    case an idempotency key exists for."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.drop_answers = False
        self.forwarded = 0
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
        except OSError:
            client.close()  # server down: the client sees its connection dropped
            return
        def pump(src: socket.socket, dst: socket.socket, answers: bool) -> None:
            try:
                while data := src.recv(65536):
                    if answers and self.drop_answers:
                        break  # decided per answer: keep-alive connections too
                    if not answers:
                        self.forwarded += 1
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                for s in (src, dst):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        threading.Thread(target=pump, args=(client, upstream, False), daemon=True).start()
        pump(upstream, client, True)
        client.close()
        upstream.close()

    def close(self) -> None:
        self._closed = True
        self._sock.close()


@pytest.fixture
def lossy_relay(server):
    relay = LossyRelay(int(server.url.rsplit(":", 1)[1]))
    yield relay
    relay.close()
