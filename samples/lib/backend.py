#!/usr/bin/env python3
"""The sample backend: a tiny HTTP-like server for record.sh (loopback only).

Usage: backend.py ADDR:PORT [ADDR:PORT ...]      (IPv6 as [::1]:PORT)
Prints "listening" once every address is bound, then serves until SIGINT or SIGTERM.

Each connection carries requests "GET /<path> HTTP/1.0" ending in an empty line; the answer depends on the path:
  /         a 200 with a 40-byte body;
  /big      a 200 with a 16 KiB body, in four writes;
  /slow     waits 400 ms, then answers like /;
  /reset    closes the connection with a RST (SO_LINGER 0) instead of answering.
The server closes after answering (HTTP/1.0), or when the client closes first.
"""
import signal
import socket
import struct
import sys
import threading
import time

BODY = b"hello from the hoptrace sample backend\n\n"[:40]


def answer(conn, body):
    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def handle(conn):
    with conn:
        data = b""
        while b"\r\n\r\n" not in data:
            try:
                chunk = conn.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            data += chunk
        path = data.split(b" ", 2)[1] if data.count(b" ") >= 2 else b"/"
        if path == b"/reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        if path == b"/slow":
            time.sleep(0.4)
        if path == b"/big":
            big = bytes(16384)
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 16384\r\n\r\n")
            for i in range(4):
                conn.sendall(big[i * 4096:(i + 1) * 4096])
        else:
            answer(conn, BODY)
        conn.shutdown(socket.SHUT_WR)
        try:
            while conn.recv(65536):  # wait for the client's FIN so the close is orderly
                pass
        except OSError:
            pass


def serve(listener):
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def listen(spec):
    host, port = spec.rsplit(":", 1)
    family = socket.AF_INET6 if host.startswith("[") else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host.strip("[]"), int(port)))
    s.listen(64)
    threading.Thread(target=serve, args=(s,), daemon=True).start()
    return s


def main():
    listeners = [listen(a) for a in sys.argv[1:]]
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("listening", " ".join(sys.argv[1:]), flush=True)
    stop.wait()
    for s in listeners:
        s.close()


if __name__ == "__main__":
    main()
