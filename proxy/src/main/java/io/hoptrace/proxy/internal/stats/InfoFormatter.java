package io.hoptrace.proxy.internal.stats;

import io.hoptrace.proxy.internal.ProxyContext;

/**
 * {@code show info}: {@code Key: value} lines, key names as HAProxy's where HAProxy has them (management guide,
 * section 9.3 "show info"), plus the event stream's counters.
 */
final class InfoFormatter {
    private InfoFormatter() {
    }

    static void append(StringBuilder sb, ProxyContext proxy) {
        line(sb, "Name", proxy.name());
        line(sb, "Version", proxy.version());
        line(sb, "Pid", proxy.pid());
        line(sb, "Uptime_sec", proxy.uptimeSeconds());
        line(sb, "CurrConns", proxy.global().current());
        line(sb, "CumConns", proxy.global().total());
        line(sb, "MaxConn", proxy.config().global().maxconn());
        line(sb, "EventSubscribers", proxy.bus().subscriberCount());
        line(sb, "EventsSent", proxy.bus().eventsSent());
        line(sb, "EventsDropped", proxy.bus().eventsDropped());
        line(sb, "EventQueueBytes", proxy.bus().queueBytes());
        line(sb, "EventQueuePeakBytes", proxy.bus().maxQueuedBytes());
        line(sb, "Nbthread", proxy.ioThreads());
        line(sb, "Transport", proxy.transport().name());
    }

    private static void line(StringBuilder sb, String key, Object value) {
        sb.append(key).append(": ").append(value).append('\n');
    }
}
