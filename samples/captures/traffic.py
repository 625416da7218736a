#!/usr/bin/env python3
"""Makes a little real TCP traffic on loopback for record.sh to capture.

Usage: traffic.py PORT4 PORT6
An echo server listens on 127.0.0.1:PORT4 and [::1]:PORT6. The client then:
  1. IPv4: connects, sends a request, reads the echo, closes (FIN both ways);
  2. IPv6: connects, sends three messages (one of 3000 bytes), reads the echoes, closes;
  3. IPv4: connects, sends a message, reads the echo, then aborts with SO_LINGER 0 (RST).
Everything stays on loopback; the script ends when the three connections are done.
"""
import socket
import struct
import sys
import threading


def serve(listener):
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            while True:
                try:
                    data = conn.recv(65536)
                except ConnectionResetError:
                    break
                if not data:
                    break
                conn.sendall(data)


def listen(family, host, port):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(8)
    threading.Thread(target=serve, args=(s,), daemon=True).start()
    return s


def exchange(sock, message):
    sock.sendall(message)
    got = b""
    while len(got) < len(message):
        chunk = sock.recv(65536)
        if not chunk:
            raise SystemExit("server closed early")
        got += chunk
    assert got == message


def main():
    port4, port6 = int(sys.argv[1]), int(sys.argv[2])
    listeners = [listen(socket.AF_INET, "127.0.0.1", port4), listen(socket.AF_INET6, "::1", port6)]

    with socket.create_connection(("127.0.0.1", port4), timeout=5) as c:
        exchange(c, b"GET /hello HTTP/1.0\r\nHost: sample\r\n\r\n")

    with socket.create_connection(("::1", port6), timeout=5) as c:
        exchange(c, b"first message\n")
        exchange(c, b"y" * 3000)
        exchange(c, b"last message\n")

    c = socket.create_connection(("127.0.0.1", port4), timeout=5)
    exchange(c, b"this connection ends with a reset\n")
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()

    for s in listeners:
        s.close()


if __name__ == "__main__":
    main()
