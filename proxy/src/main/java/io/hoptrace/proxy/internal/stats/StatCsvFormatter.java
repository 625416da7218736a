package io.hoptrace.proxy.internal.stats;

import io.hoptrace.proxy.internal.ProxyContext;
import io.hoptrace.proxy.internal.TrafficCounters;
import io.hoptrace.proxy.internal.backend.BackendRuntime;
import io.hoptrace.proxy.internal.backend.ServerRuntime;
import io.hoptrace.proxy.internal.frontend.FrontendRuntime;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code show stat}: HAProxy's CSV (management guide, section 9.1), limited to the columns hoptrace keeps, in
 * HAProxy's column order and with its trailing comma, so tools that read HAProxy's output by column name read
 * this too. Rows go by proxy name: a {@code listen} section's FRONTEND, servers and BACKEND stay together.
 */
final class StatCsvFormatter {
    static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,econ,wretr,wredis,status,"
            + "lbtot,type,\n";
    private static final int TYPE_FRONTEND = 0;
    private static final int TYPE_BACKEND = 1;
    private static final int TYPE_SERVER = 2;

    private StatCsvFormatter() {
    }

    static void append(StringBuilder sb, ProxyContext proxy) {
        sb.append(HEADER);
        Set<String> done = new HashSet<>();
        for (FrontendRuntime fe : proxy.frontends()) {
            frontend(sb, proxy, fe);
            for (BackendRuntime be : proxy.backends()) {
                if (be.name().equals(fe.name()) && done.add(be.name())) {
                    backend(sb, be);
                }
            }
        }
        for (BackendRuntime be : proxy.backends()) {
            if (done.add(be.name())) {
                backend(sb, be);
            }
        }
    }

    private static void frontend(StringBuilder sb, ProxyContext proxy, FrontendRuntime fe) {
        TrafficCounters c = fe.counters();
        int limit = fe.maxconn() > 0 ? fe.maxconn() : proxy.config().global().maxconn();
        sb.append(fe.name()).append(",FRONTEND,,,");
        sessions(sb, c, limit);
        sb.append(",,,").append(proxy.gate().isFull(fe) ? "FULL" : "OPEN").append(",,").append(TYPE_FRONTEND)
                .append(",\n");
    }

    private static void backend(StringBuilder sb, BackendRuntime be) {
        long selected = 0;
        for (ServerRuntime s : be.servers()) {
            TrafficCounters c = s.counters();
            selected += c.selectedTotal();
            sb.append(be.name()).append(',').append(s.name()).append(',').append(s.queued()).append(",,");
            sessions(sb, c, s.maxconn());
            sb.append(c.connectErrors()).append(',').append(c.retries()).append(',').append(c.redispatches())
                    .append(",no check,").append(c.selectedTotal()).append(',').append(TYPE_SERVER).append(",\n");
        }
        TrafficCounters c = be.counters();
        sb.append(be.name()).append(",BACKEND,").append(be.queued()).append(',').append(be.queuedMax()).append(',');
        sessions(sb, c, 0);
        sb.append(c.connectErrors()).append(',').append(c.retries()).append(',').append(c.redispatches())
                .append(',').append(be.hasServers() ? "UP" : "DOWN").append(',').append(selected).append(',')
                .append(TYPE_BACKEND).append(",\n");
    }

    /** scur,smax,slim,stot,bin,bout, — slim empty when unlimited. */
    private static void sessions(StringBuilder sb, TrafficCounters c, int limit) {
        sb.append(c.current()).append(',').append(c.max()).append(',');
        if (limit > 0) {
            sb.append(limit);
        }
        sb.append(',').append(c.total()).append(',').append(c.bytesIn()).append(',').append(c.bytesOut())
                .append(',');
    }
}
