package io.hoptrace.proxy.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code show stat} counters of one frontend, backend or server, updated from every I/O thread without
 * locks: {@code scur}/{@code smax}/{@code stot} (sessions now, at most, in total), {@code bin}/{@code bout}
 * (bytes client to server, server to client), {@code econ} (failed connection attempts), {@code wretr}
 * (retries), {@code wredis} (redispatches), {@code lbtot} (times chosen by the load balancer). Names as in the
 * HAProxy management guide, section 9.1.
 */
public final class TrafficCounters {
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final LongAdder total = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder connectErrors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder redispatches = new LongAdder();
    private final LongAdder selected = new LongAdder();

    /** A session starts: scur + 1, stot + 1, smax raised. Returns the new scur. */
    public int opened() {
        int now = current.incrementAndGet();
        total.increment();
        raiseMax(now);
        return now;
    }

    /**
     * Takes one of {@code limit} slots (0 = no limit) if one is free; counts it as {@link #opened()} does.
     * Lock-free: a compare-and-set loop, so concurrent callers never exceed the limit.
     */
    public boolean tryOpen(int limit) {
        if (limit <= 0) {
            opened();
            return true;
        }
        for (;;) {
            int now = current.get();
            if (now >= limit) {
                return false;
            }
            if (current.compareAndSet(now, now + 1)) {
                total.increment();
                raiseMax(now + 1);
                return true;
            }
        }
    }

    public int closed() {
        return current.decrementAndGet();
    }

    private void raiseMax(int now) {
        int m = max.get();
        while (now > m && !max.compareAndSet(m, now)) {
            m = max.get();
        }
    }

    public void addIn(long n) {
        bytesIn.add(n);
    }

    public void addOut(long n) {
        bytesOut.add(n);
    }

    public void connectError() {
        connectErrors.increment();
    }

    public void retried() {
        retries.increment();
    }

    public void redispatched() {
        redispatches.increment();
    }

    public void selected() {
        selected.increment();
    }

    public int current() {
        return current.get();
    }

    public int max() {
        return max.get();
    }

    public long total() {
        return total.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long connectErrors() {
        return connectErrors.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long redispatches() {
        return redispatches.sum();
    }

    public long selectedTotal() {
        return selected.sum();
    }
}
