package io.hoptrace.cli.internal;

import io.hoptrace.events.Endpoint;
import io.hoptrace.proxy.ProxyRuntime;
import io.hoptrace.proxy.ProxyServer;
import io.hoptrace.proxy.StatsSocketConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hoptrace proxy}'s log on stderr: one line per event (start, bind, stop, configuration warning), each
 * {@code hoptrace proxy: <proxy>: <what>} so that several proxies in one process can be told apart.
 */
public final class ProxyLog {
    private final PrintWriter err;

    public ProxyLog(PrintWriter err) {
        this.err = err;
    }

    public synchronized void message(String text) {
        err.println("hoptrace proxy: " + text);
        err.flush();
    }

    /** A configuration warning, already {@code file:line: message}. */
    public void warning(String text) {
        message("warning: " + text);
    }

    /** A configuration error, already {@code file:line: message}. */
    public void error(String text) {
        message("error: " + text);
    }

    public void started(ProxyServer server) {
        for (Map.Entry<String, List<InetSocketAddress>> fe : server.frontendAddresses().entrySet()) {
            for (InetSocketAddress a : fe.getValue()) {
                message(server.name() + ": frontend " + fe.getKey() + " listening on "
                        + Endpoint.of(a));
            }
        }
        List<StatsSocketConfig> configs = server.config().global().statsSockets();
        List<SocketAddress> addresses = server.statsAddresses();
        for (int i = 0; i < addresses.size(); i++) {
            SocketAddress a = addresses.get(i);
            String where = a instanceof UnixDomainSocketAddress u ? u.getPath().toString()
                    : Endpoint.of(a).toString();
            message(server.name() + ": stats socket " + where + " (level "
                    + configs.get(i).level().name().toLowerCase(Locale.ROOT) + ")");
        }
        message(server.name() + ": started (" + server.config().file() + ")");
    }

    public void running(ProxyRuntime runtime) {
        message("running " + runtime.servers().size() + (runtime.servers().size() == 1 ? " proxy" : " proxies")
                + " on " + runtime.options().ioThreads() + " " + runtime.transport()
                + " I/O threads; SIGINT or SIGTERM stops");
    }

    public void stopped(ProxyServer server) {
        message(server.name() + ": stopped");
    }
}
