#!/usr/bin/env python3
"""Generates a large, realistic capture of a two-hop proxy chain plus the matching event logs.

Every client connection crosses three TCP connections (client -> edge, edge -> mid, mid -> server), each with a
full handshake, request and response segments, ACKs and a FIN exchange; about one in fifty backend connections
ends with a reset. The event logs are what `hoptrace record` would have written for the two proxies (JSON Lines,
docs/event-records.md). Used by bench/correlate.sh; the figures in docs/BENCHMARKS.md name the exact arguments.
capture.json beside them says how many packets were written and with which arguments.

    bench/gen-capture.py --connections 15000 --segments 10 --out bench/out      # 2.07 M packets, 1.2 GB

Frames are written as soon as no later connection can precede them, so memory stays small whatever the size.
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


def word_sum(data):
    """Sum of the big-endian 16-bit words of data (zero-padded to even length), not yet folded."""
    if len(data) % 2:
        data += b"\0"
    return sum(struct.unpack("!%dH" % (len(data) // 2), data))


def fold(s):
    """RFC 1071 internet checksum of a word sum."""
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


PAYLOADS = {}  # payload length -> (bytes, word sum): payloads are all "x", so each length is summed once


def payload(n):
    p = PAYLOADS.get(n)
    if p is None:
        data = b"x" * n
        p = PAYLOADS[n] = (data, word_sum(data))
    return p


HEADERS = struct.Struct("!14sBBHHHBBH4s4sHHIIBBHHH")  # Ethernet, IPv4 (20 bytes), TCP (20 bytes)


class Conn:
    """One TCP connection: emits frames with consistent sequence numbers."""

    def __init__(self, cip, cport, sip, sport, rnd):
        self.c = (ip(cip), cport)
        self.s = (ip(sip), sport)
        self.cseq = rnd.getrandbits(32)
        self.sseq = rnd.getrandbits(32)
        self.ipid = rnd.getrandbits(16)
        # Word sums of the two addresses: the IPv4 header checksum and the TCP pseudo header both cover them.
        self.addr_sum = word_sum(self.c[0]) + word_sum(self.s[0])

    def frame(self, from_client, flags, payload_len):
        src, dst = (self.c, self.s) if from_client else (self.s, self.c)
        seq = self.cseq if from_client else self.sseq
        ack = self.sseq if from_client else self.cseq
        if not flags & ACK:
            ack = 0
        data, data_sum = payload(payload_len)
        self.ipid = (self.ipid + 1) & 0xFFFF
        total = 20 + 20 + payload_len
        # RFC 1071 checksums from word sums: IPv4 header (RFC 791) with checksum 0; TCP (RFC 9293 3.1) over the
        # pseudo header (addresses, protocol 6, TCP length), the header with checksum 0, and the payload.
        ip_sum = 0x4500 + total + self.ipid + 0x4000 + (64 << 8 | 6) + self.addr_sum
        tcp_sum = (self.addr_sum + 6 + 20 + payload_len + src[1] + dst[1] + (seq >> 16) + (seq & 0xFFFF)
                   + (ack >> 16) + (ack & 0xFFFF) + (5 << 12 | flags) + 65535 + data_sum)
        header = HEADERS.pack(ETH_IPV4, 0x45, 0, total, self.ipid, 0x4000, 64, 6, fold(ip_sum), src[0], dst[0],
                              src[1], dst[1], seq, ack, 5 << 4, flags, 65535, fold(tcp_sum), 0)
        advance = payload_len + (1 if flags & (SYN | FIN) else 0)
        if from_client:
            self.cseq = (self.cseq + advance) & 0xFFFFFFFF
        else:
            self.sseq = (self.sseq + advance) & 0xFFFFFFFF
        return header + data


def micros(t):
    return datetime.fromtimestamp(t // 1_000_000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % (
        t % 1_000_000)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--connections", type=int, default=15000, help="client connections (each makes 3 hops)")
    ap.add_argument("--segments", type=int, default=10, help="data segments each way per hop")
    ap.add_argument("--out", default="bench/out", help="output directory")
    ap.add_argument("--snaplen", type=int, default=262144, help="cut frames to this many bytes, like tcpdump -s")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(a.seed)
    start = 1_795_671_592_000_000  # 2026-11-26T05:39:52Z, in microseconds
    edge, mid, server = "10.0.0.10", "10.0.0.11", "10.0.0.20"
    path = os.path.join(a.out, "chain.pcap")
    pcap = open(path, "wb")
    pcap.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, a.snaplen, 1))
    logs = {}
    for name in ("edge", "mid"):
        logs[name] = open(os.path.join(a.out, name + ".jsonl"), "w")
        logs[name].write(json.dumps({"type": "meta", "schema": 1, "tool": "bench/gen-capture.py"}) + "\n")
    # Frames and event lines wait in heaps ordered by (time, order of emission) and are written once no later
    # connection can come before them: connections start in increasing time, and everything a connection emits
    # is at or after its start. So memory holds the connections in flight, not the capture, and the files are
    # the same as sorting everything at the end would give.
    frames = []  # (ts, order, frame)
    lines = {"edge": [], "mid": []}  # (ts, order, json line)
    order = 0
    written = 0

    def emit(ts, frame):
        nonlocal order
        order += 1
        heapq.heappush(frames, (ts, order, frame))

    def log(name, ts, record):
        nonlocal order
        order += 1
        heapq.heappush(lines[name], (ts, order, json.dumps(record, separators=(",", ":"))))

    def flush(before):
        nonlocal written
        while frames and frames[0][0] < before:
            ts, _, frame = heapq.heappop(frames)
            cut = frame[:a.snaplen]
            pcap.write(struct.pack("<IIII", ts // 1_000_000, ts % 1_000_000, len(cut), len(frame)))
            pcap.write(cut)
            written += 1
        for name, heap in lines.items():
            while heap and heap[0][0] < before:
                logs[name].write(heapq.heappop(heap)[2] + "\n")

    def hop(conn, t, segments, reset):
        """Handshake at t, then the request segments; returns (t_established, t_request_sent)."""
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

    def fmt(c):
        return "%s:%d" % (".".join(map(str, c[0])), c[1])

    next_port = {}
    for i in range(a.connections):
        t0 = start + i * 150 + rnd.randrange(100)
        flush(t0)
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
        for name, fr, bk, opened, closed, fe, be in (("edge", front, middle, e2, x1, "web", "mids"),
                                                     ("mid", middle, back, e3, x2, "in", "app")):
            sid = i + 1
            log(name, opened, {"ts": micros(opened), "source": name, "type": "open", "id": sid,
                               "client": fmt(fr.c), "frontend": fmt(fr.s), "backend": fmt(bk.c),
                               "server": fmt(bk.s), "fe": fe, "be": be, "srv": "s1"})
            log(name, closed + 5, {"ts": micros(closed + 5), "source": name, "type": "close", "id": sid,
                                   "bytesIn": 1000 * (s - 1) + 200, "bytesOut": 1400 * s,
                                   "durationUs": closed + 5 - opened,
                                   "term": "server-rst" if reset else "client-fin"})
    flush(float("inf"))
    pcap.close()
    for f in logs.values():
        f.close()
    with open(os.path.join(a.out, "capture.json"), "w") as f:
        # What bench/correlate.sh needs to turn times into rates, and how to make the same files again.
        json.dump({"packets": written, "clientConnections": a.connections, "tcpConnections": 3 * a.connections,
                   "bytes": os.path.getsize(path), "args": {"connections": a.connections, "segments": a.segments,
                                                            "snaplen": a.snaplen, "seed": a.seed}}, f)
        f.write("\n")
    print("%s: %d packets, %d client connections (%d TCP connections)" % (path, written, a.connections,
                                                                        3 * a.connections))


if __name__ == "__main__":
    main()
