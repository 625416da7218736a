package io.hoptrace.proxy.internal.backend;

import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.internal.TrafficCounters;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code backend} at run time: its servers, its balancer, its counters and its queue of sessions waiting for a
 * server slot (servers with {@code maxconn}; HAProxy management guide section 9.1 {@code qcur}/{@code qmax}).
 *
 * <p>The queue is lock-free. A session that finds every server full enqueues itself and then drains; a session
 * that frees a slot releases it and then drains. Whichever drains last sees both the free slot and the waiting
 * session, so no wake-up is lost; slots are taken with compare-and-set and entries are claimed with
 * compare-and-set, so concurrent drains never hand out a slot twice.
 */
public final class BackendRuntime {
    private final BackendConfig config;
    private final ServerRuntime[] servers;
    private final Balancer balancer;
    private final TrafficCounters counters = new TrafficCounters();
    private final ConcurrentLinkedQueue<QueueEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger queuedMax = new AtomicInteger();

    public BackendRuntime(BackendConfig config) {
        this.config = config;
        this.servers = config.servers().stream().map(ServerRuntime::new).toArray(ServerRuntime[]::new);
        for (ServerRuntime s : servers) {
            s.attach(this);
        }
        this.balancer = Balancer.of(config.balance(), servers);
    }

    public String name() {
        return config.name();
    }

    public BackendConfig config() {
        return config;
    }

    public List<ServerRuntime> servers() {
        return List.of(servers);
    }

    public boolean hasServers() {
        return servers.length > 0;
    }

    public TrafficCounters counters() {
        return counters;
    }

    public int retries() {
        return config.retries();
    }

    public boolean redispatch() {
        return config.redispatch();
    }

    /** {@code timeout connect}, or null when unset. */
    public Duration connectTimeout() {
        return config.timeouts().connect();
    }

    /** {@code timeout server}, or null when unset. */
    public Duration serverTimeout() {
        return config.timeouts().server();
    }

    /**
     * How long a session may wait in the queue: {@code timeout queue}, which hoptrace does not parse, defaults to
     * {@code timeout connect} in HAProxy (configuration manual, "timeout queue"); null = no limit.
     */
    public Duration queueTimeout() {
        return config.timeouts().connect();
    }

    public int queued() {
        return queued.get();
    }

    public int queuedMax() {
        return queuedMax.get();
    }

    /**
     * A server with a slot held for the caller: {@code only} if given (a retry on the same server), else the
     * balancer's choice avoiding {@code exclude}. Null when they are full.
     */
    public ServerRuntime reserve(InetAddress source, ServerRuntime only, ServerRuntime exclude) {
        if (only != null) {
            return only.tryAcquire() ? only : null;
        }
        return balancer.reserve(source, exclude);
    }

    /** Queues a session that found its servers full; it may be handed a slot before this returns. */
    public QueueEntry enqueue(ServerWaiter waiter, InetAddress source, ServerRuntime only, ServerRuntime exclude) {
        ServerRuntime target = only != null ? only : balancer.home(source, exclude);
        QueueEntry entry = new QueueEntry(waiter, target, source, exclude);
        int now = queued.incrementAndGet();
        int max = queuedMax.get();
        while (now > max && !queuedMax.compareAndSet(max, now)) {
            max = queuedMax.get();
        }
        if (target != null) {
            target.queuedCounter().incrementAndGet();
        }
        queue.add(entry);
        drainQueue();
        return entry;
    }

    /** Takes a session out of the queue; false when a slot was already handed to it (it will arrive). */
    public boolean cancel(QueueEntry entry) {
        if (!entry.cancel()) {
            return false;
        }
        dequeued(entry);
        return true;
    }

    /** Hands free slots to waiting sessions, oldest first. */
    void drainQueue() {
        if (queue.isEmpty()) {
            return;
        }
        for (QueueEntry e : queue) {
            if (!e.waiting()) {
                continue;
            }
            ServerRuntime s = e.target != null ? (e.target.tryAcquire() ? e.target : null)
                    : balancer.reserve(e.source, e.exclude);
            if (s == null) {
                if (e.target == null) {
                    return; // every server is full: nobody behind can go either
                }
                continue; // this one waits for its own server; others may use another
            }
            if (e.claim()) {
                dequeued(e);
                ServerRuntime server = s;
                e.waiter.executor().execute(() -> e.waiter.assigned(server));
            } else {
                s.releaseQuietly(); // cancelled meanwhile: the slot goes to the next one
            }
        }
    }

    private void dequeued(QueueEntry e) {
        queue.remove(e);
        queued.decrementAndGet();
        if (e.target != null) {
            e.target.queuedCounter().decrementAndGet();
        }
    }
}
