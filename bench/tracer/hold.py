#!/usr/bin/env python3
"""Live TCP sessions for bench/tracer-polling.sh: a backend that accepts and holds connections, and a client that
keeps N connections open through a proxy while replacing some of them at a steady rate (churn).

  hold.py server --port P                       accept on 127.0.0.1:P, discard what arrives, hold until closed
  hold.py clients --port P --connections N [--churn R]
                                                open N connections to 127.0.0.1:P, print 'ready N', then every
                                                1/R s close a random one and open a new one, until SIGTERM

Each client connection sends one short line once connected (so each session carries a few bytes, as a real one
would) and then stays idle. Loopback only. Needs an open-files limit above N (the calling script raises it).
"""
import argparse
import asyncio
import random
import signal
import sys
import time

CONNECT_CONCURRENCY = 256  # at most this many connects in flight: stays well inside the listen backlogs


async def serve(port):
    async def handle(reader, writer):
        try:
            while await reader.read(65536):
                pass
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=4096)
    print("listening", port, flush=True)
    async with server:
        await server.serve_forever()


async def hold(port, connections, churn, stop):
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def open_one():
        async with gate:
            for attempt in range(100):
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", port)
                    writer.write(b"hello\n")
                    return writer
                except OSError:
                    if attempt == 99:
                        raise
                    await asyncio.sleep(0.05)

    writers = list(await asyncio.gather(*(open_one() for _ in range(connections))))
    print("ready", len(writers), flush=True)
    replaced = 0
    if churn > 0:
        period = 1.0 / churn
        due = time.monotonic()
        while not stop.is_set():
            due += period
            i = random.randrange(len(writers))
            writers[i].close()
            writers[i] = await open_one()
            replaced += 1
            delay = due - time.monotonic()
            if delay > 0:
                try:
                    await asyncio.wait_for(stop.wait(), delay)
                except asyncio.TimeoutError:
                    pass
    else:
        await stop.wait()
    for w in writers:
        w.close()
    print("replaced", replaced, flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["server", "clients"])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--connections", type=int, default=1000)
    p.add_argument("--churn", type=float, default=0.0, help="connections replaced per second (default 0)")
    a = p.parse_args()
    if a.mode == "clients" and a.connections < 1:
        p.error("--connections: expected at least 1, got %d" % a.connections)
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        if a.mode == "server":
            task = loop.create_task(serve(a.port))
            loop.run_until_complete(stop.wait())
            task.cancel()
        else:
            loop.run_until_complete(hold(a.port, a.connections, a.churn, stop))
    except OSError as e:
        print("hold.py: %s" % e, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
