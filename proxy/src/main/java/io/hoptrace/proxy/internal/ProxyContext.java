package io.hoptrace.proxy.internal;

import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.FrontendConfig;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.internal.backend.BackendRuntime;
import io.hoptrace.proxy.internal.events.EventBus;
import io.hoptrace.proxy.internal.events.EventDispatcher;
import io.hoptrace.proxy.internal.frontend.AcceptGate;
import io.hoptrace.proxy.internal.frontend.FrontendRuntime;
import io.hoptrace.proxy.internal.session.ProxySession;
import io.hoptrace.proxy.internal.session.SessionHost;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one running proxy is made of: its configuration turned into run-time frontends and backends, its
 * process-wide counters and {@code maxconn} gate, its event bus, and its session ids. Shared by the sessions
 * ({@link SessionHost}) and the stats socket.
 */
public final class ProxyContext implements SessionHost {
    private static final String VERSION = loadVersion();

    private final ProxyConfig config;
    private final Transport transport;
    private final int ioThreads;
    private final EventBus<ProxySession> bus;
    private final TrafficCounters global = new TrafficCounters();
    private final AcceptGate gate;
    private final List<FrontendRuntime> frontends;
    private final List<BackendRuntime> backends;
    private final AtomicLong ids = new AtomicLong();
    private final long pid = ProcessHandle.current().pid();
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean stopping;

    public ProxyContext(ProxyConfig config, Transport transport, int ioThreads, EventLoop listenerLoop,
                        EventDispatcher dispatcher, long eventQueueBytes) {
        this.config = config;
        this.transport = transport;
        this.ioThreads = ioThreads;
        this.bus = new EventBus<>(dispatcher, eventQueueBytes);
        Map<String, BackendRuntime> byName = new LinkedHashMap<>();
        for (BackendConfig b : config.backends()) {
            byName.put(b.name(), new BackendRuntime(b));
        }
        List<FrontendRuntime> fes = new ArrayList<>();
        for (FrontendConfig f : config.frontends()) {
            BackendRuntime backend = null;
            if (f.defaultBackend() != null) {
                backend = byName.get(f.defaultBackend());
                if (backend == null) {
                    throw new IllegalArgumentException(f.location() + ": default_backend: no backend named '"
                            + f.defaultBackend() + "'");
                }
            }
            fes.add(new FrontendRuntime(f, backend));
        }
        this.frontends = List.copyOf(fes);
        this.backends = List.copyOf(byName.values());
        this.gate = new AcceptGate(listenerLoop, config.global().maxconn(), global, frontends);
    }

    private static String loadVersion() {
        Properties p = new Properties();
        try (InputStream in = ProxyContext.class.getResourceAsStream("/io/hoptrace/proxy/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public long nextSessionId() {
        return ids.incrementAndGet();
    }

    @Override
    public EventBus<ProxySession> bus() {
        return bus;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void sessionEnded(FrontendRuntime frontend) {
        gate.released(frontend);
        if (stopping && global.current() == 0) {
            drained.complete(null);
        }
    }

    /** From now on new sessions end at once; {@link #drained()} completes when the last one has. */
    public void beginStop() {
        stopping = true;
        if (global.current() == 0) {
            drained.complete(null);
        }
    }

    public CompletableFuture<Void> drained() {
        return drained;
    }

    public ProxyConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public String version() {
        return VERSION;
    }

    public int ioThreads() {
        return ioThreads;
    }

    public long uptimeSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    /** Process-wide: CurrConns (current), CumConns (total) of {@code show info}. */
    public TrafficCounters global() {
        return global;
    }

    public AcceptGate gate() {
        return gate;
    }

    public List<FrontendRuntime> frontends() {
        return frontends;
    }

    public List<BackendRuntime> backends() {
        return backends;
    }
}
