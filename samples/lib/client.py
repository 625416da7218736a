#!/usr/bin/env python3
"""The sample client: one connection per SHAPE to ADDR:PORT, one after the other (loopback only).

Usage: client.py ADDR:PORT SHAPE [SHAPE ...]        (IPv6 as [::1]:PORT)
Shapes (paths of backend.py):
  get     GET /, read the answer, close (FIN);
  big     GET /big (16 KiB answer), read it, close;
  slow    GET /slow (the backend waits 400 ms), read the answer, close;
  reset   GET /reset: the backend resets the connection;
  abort   GET /slow, then the client resets its connection (SO_LINGER 0) before the answer.
Waits 50 ms between connections so that each one stands apart in the capture.
"""
import socket
import struct
import sys
import time


def connect(spec):
    host, port = spec.rsplit(":", 1)
    return socket.create_connection((host.strip("[]"), int(port)), timeout=5)


def request(path):
    return b"GET " + path + b" HTTP/1.0\r\nHost: sample\r\nUser-Agent: hoptrace-sample\r\n\r\n"


def read_all(c):
    got = b""
    try:
        while True:
            chunk = c.recv(65536)
            if not chunk:
                return got, None
            got += chunk
    except ConnectionResetError as e:
        return got, e


def main():
    target = sys.argv[1]
    for shape in sys.argv[2:]:
        c = connect(target)
        if shape == "abort":
            c.sendall(request(b"/slow"))
            time.sleep(0.1)
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            c.close()
            print(shape, "aborted by the client", flush=True)
        else:
            path = {"get": b"/", "big": b"/big", "slow": b"/slow", "reset": b"/reset"}[shape]
            c.sendall(request(path))
            got, err = read_all(c)
            c.close()
            print(shape, len(got), "bytes", "(reset)" if err else "", flush=True)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
