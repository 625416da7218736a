package io.hoptrace.proxy;

/**
 * How a {@link ProxyRuntime} runs: {@code ioThreads} event loops for the proxied connections (default: one per
 * core), the native epoll transport when available ({@code preferNative}; NIO otherwise), and the bound of each
 * {@code show events} subscriber's queue in bytes ({@code eventQueueBytes}): beyond it, events for that
 * subscriber are dropped and counted (docs/protocol.md, "Slow subscribers").
 */
public record RuntimeOptions(int ioThreads, boolean preferNative, long eventQueueBytes) {
    /** 1 MiB: about 10,000 full-mode event lines, a good second of a busy proxy's events. */
    public static final long DEFAULT_EVENT_QUEUE_BYTES = 1 << 20;

    public RuntimeOptions {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads: expected at least 1, got " + ioThreads);
        }
        if (eventQueueBytes < 1) {
            throw new IllegalArgumentException("eventQueueBytes: expected at least 1, got " + eventQueueBytes);
        }
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(Runtime.getRuntime().availableProcessors(), true, DEFAULT_EVENT_QUEUE_BYTES);
    }

    public RuntimeOptions withIoThreads(int threads) {
        return new RuntimeOptions(threads, preferNative, eventQueueBytes);
    }

    public RuntimeOptions withPreferNative(boolean useNative) {
        return new RuntimeOptions(ioThreads, useNative, eventQueueBytes);
    }

    public RuntimeOptions withEventQueueBytes(long bytes) {
        return new RuntimeOptions(ioThreads, preferNative, bytes);
    }
}
