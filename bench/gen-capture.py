#!/usr/bin/env python3
"""Generates a large, realistic capture of a two-hop proxy chain plus the matching event logs.

Every client connection crosses three TCP connections (client -> edge, edge -> mid, mid -> server), each with a
full handshake, request and response segments, ACKs and a FIN exchange; about one in fifty backend connections
ends with a reset. The event logs are what `hoptrace record` would have written for the two proxies (JSON Lines,
docs/event-records.md). Used by bench/correlate.sh; the figures in docs/BENCHMARKS.md name the exact arguments.

    bench/gen-capture.py --connections 12000 --segments 10 --out bench/out
"""
import argparse
import heapq
import json
import os
import random
import struct
from datetime import datetime, timezone

ETH_IPV4 = b"\x02\x00\x00\x00\x00\x01" + b"\x02\x00\x00\x00\x00\x02" + b"\x08\x00"
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def ip(s):
    return bytes(int(x) for x in s.split("."))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


class Conn:
    """One TCP connection: emits frames with consistent sequence numbers."""

    def __init__(self, cip, cport, sip, sport, rnd):
        self.c = (ip(cip), cport)
        self.s = (ip(sip), sport)
        self.cseq = rnd.getrandbits(32)
        self.sseq = rnd.getrandbits(32)
        self.ipid = rnd.getrandbits(16)

    def frame(self, from_client, flags, payload_len):
        src, dst = (self.c, self.s) if from_client else (self.s, self.c)
        seq = self.cseq if from_client else self.sseq
        ack = self.sseq if from_client else self.cseq
        if not flags & ACK:
            ack = 0
        tcp = struct.pack("!HHIIBBHHH", src[1], dst[1], seq, ack, 5 << 4, flags, 65535, 0, 0)
        payload = b"x" * payload_len
        pseudo = src[0] + dst[0] + struct.pack("!BBH", 0, 6, 20 + payload_len)
        tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp + payload)) + tcp[18:]
        self.ipid = (self.ipid + 1) & 0xFFFF
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 20 + payload_len, self.ipid, 0x4000, 64, 6, 0,
                          src[0], dst[0])
        iph = iph[:10] + struct.pack("!H", checksum(iph)) + iph[12:]
        advance = payload_len + (1 if flags & (SYN | FIN) else 0)
        if from_client:
            self.cseq = (self.cseq + advance) & 0xFFFFFFFF
        else:
            self.sseq = (self.sseq + advance) & 0xFFFFFFFF
        return ETH_IPV4 + iph + tcp + payload


def micros(t):
    return datetime.fromtimestamp(t // 1_000_000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % (
        t % 1_000_000)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--connections", type=int, default=12000, help="client connections (each makes 3 hops)")
    ap.add_argument("--segments", type=int, default=10, help="data segments each way per hop")
    ap.add_argument("--out", default="bench/out", help="output directory")
    ap.add_argument("--snaplen", type=int, default=262144, help="cut frames to this many bytes, like tcpdump -s")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(a.seed)
    start = 1_795_671_592_000_000  # 2026-11-26T05:39:52Z, in microseconds
    heap = []  # (ts, seq, frame)
    order = 0
    events = {"edge": [], "mid": []}
    edge, mid, server = "10.0.0.10", "10.0.0.11", "10.0.0.20"

    def emit(ts, frame):
        nonlocal order
        order += 1
        heap.append((ts, order, frame))

    def hop(conn, t, segments, reset):
        """Handshake at t, request segments, response segments, close; returns (t_established, t_end, t_req, t_resp)."""
        rtt = 40
        emit(t, conn.frame(True, SYN, 0))
        emit(t + rtt, conn.frame(False, SYN | ACK, 0))
        emit(t + rtt + 5, conn.frame(True, ACK, 0))
        t += rtt + 5
        established = t
        for i in range(segments):
            t += 20
            emit(t, conn.frame(True, PSH | ACK, 1000 if i < segments - 1 else 200))
            emit(t + 10, conn.frame(False, ACK, 0))
        return established, t

    def respond(conn, t, segments, reset):
        for i in range(segments):
            t += 20
            emit(t, conn.frame(False, PSH | ACK, 1400))
            emit(t + 10, conn.frame(True, ACK, 0))
        t += 30
        if reset:
            emit(t, conn.frame(False, RST | ACK, 0))
            return t
        emit(t, conn.frame(True, FIN | ACK, 0))
        emit(t + 10, conn.frame(False, FIN | ACK, 0))
        emit(t + 20, conn.frame(True, ACK, 0))
        return t + 20

    next_port = {}
    for i in range(a.connections):
        t0 = start + i * 150 + rnd.randrange(100)
        client = "10.1.%d.%d" % (1 + (i // 250) % 250, 1 + i % 250)
        cport = 1024 + (i * 7919) % 60000
        ep = next_port[edge] = next_port.get(edge, 20000) % 60000 + 1
        mp = next_port[mid] = next_port.get(mid, 30000) % 60000 + 1
        reset = i % 50 == 49
        front = Conn(client, cport, edge, 443, rnd)
        middle = Conn(edge, ep + 1024, mid, 8443, rnd)
        back = Conn(mid, mp + 1024, server, 8080, rnd)
        s = a.segments
        e1, r1 = hop(front, t0, s, False)
        e2, r2 = hop(middle, r1 + 50, s, False)
        e3, r3 = hop(back, r2 + 50, s, reset)
        x3 = respond(back, r3 + 200, s, reset)
        x2 = respond(middle, r3 + 260, s, reset)
        x1 = respond(front, r3 + 320, s, reset)
        fmt = lambda c: "%s:%d" % (".".join(map(str, c[0])), c[1])
        for name, fr, bk, opened, closed, fe, be in (("edge", front, middle, e2, x1, "web", "mids"),
                                                     ("mid", middle, back, e3, x2, "in", "app")):
            sid = i + 1
            events[name].append((opened, {"ts": micros(opened), "source": name, "type": "open", "id": sid,
                                          "client": fmt(fr.c), "frontend": fmt(fr.s), "backend": fmt(bk.c),
                                          "server": fmt(bk.s), "fe": fe, "be": be, "srv": "s1"}))
            events[name].append((closed + 5, {"ts": micros(closed + 5), "source": name, "type": "close", "id": sid,
                                              "bytesIn": 1000 * (s - 1) + 200, "bytesOut": 1400 * s,
                                              "durationUs": closed + 5 - opened,
                                              "term": "server-rst" if reset else "client-fin"}))
    heap.sort()
    path = os.path.join(a.out, "chain.pcap")
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, a.snaplen, 1))
        for ts, _, frame in heap:
            cut = frame[:a.snaplen]
            f.write(struct.pack("<IIII", ts // 1_000_000, ts % 1_000_000, len(cut), len(frame)))
            f.write(cut)
    for name, evs in events.items():
        evs.sort(key=lambda e: e[0])
        with open(os.path.join(a.out, name + ".jsonl"), "w") as f:
            f.write(json.dumps({"type": "meta", "schema": 1, "tool": "bench/gen-capture.py"}) + "\n")
            for _, e in evs:
                f.write(json.dumps(e, separators=(",", ":")) + "\n")
    print("%s: %d packets, %d client connections (%d TCP connections)" % (path, len(heap), a.connections,
                                                                        3 * a.connections))


if __name__ == "__main__":
    main()
