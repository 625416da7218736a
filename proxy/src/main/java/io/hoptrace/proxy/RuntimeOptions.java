package io.hoptrace.proxy;

/**
 * How a {@link ProxyRuntime} runs: {@code ioThreads} event loops for the proxied connections (default: one per
 * core), their I/O {@code transport} (default {@link TransportKind#AUTO}: io_uring, else epoll, else NIO), and the
 * bound of each {@code show events} subscriber's queue in bytes ({@code eventQueueBytes}): beyond it, events for
 * that subscriber are dropped and counted (docs/protocol.md, "Slow subscribers").
 */
public record RuntimeOptions(int ioThreads, TransportKind transport, long eventQueueBytes) {
    /** 1 MiB: about 10,000 full-mode event lines, a good second of a busy proxy's events. */
    public static final long DEFAULT_EVENT_QUEUE_BYTES = 1 << 20;

    public RuntimeOptions {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads: expected at least 1, got " + ioThreads);
        }
        if (transport == null) {
            throw new IllegalArgumentException("transport: expected auto, io_uring, epoll or nio, got null");
        }
        if (eventQueueBytes < 1) {
            throw new IllegalArgumentException("eventQueueBytes: expected at least 1, got " + eventQueueBytes);
        }
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(Runtime.getRuntime().availableProcessors(), TransportKind.AUTO,
                DEFAULT_EVENT_QUEUE_BYTES);
    }

    public RuntimeOptions withIoThreads(int threads) {
        return new RuntimeOptions(threads, transport, eventQueueBytes);
    }

    public RuntimeOptions withTransport(TransportKind kind) {
        return new RuntimeOptions(ioThreads, kind, eventQueueBytes);
    }

    public RuntimeOptions withEventQueueBytes(long bytes) {
        return new RuntimeOptions(ioThreads, transport, bytes);
    }
}
