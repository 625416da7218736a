package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.Balance;
import io.hoptrace.proxy.ServerConfig.SendProxy;
import io.hoptrace.proxy.UniqueIdFormat;
import java.time.Duration;

/**
 * The settings a {@code defaults} section passes on and a proxy section may override, starting from HAProxy
 * 2.6's documented defaults: {@code balance roundrobin}, {@code retries 3}, no {@code option redispatch}, no
 * timeouts, no {@code maxconn} of its own. {@code default-server} options are kept here too, since HAProxy
 * inherits them from {@code defaults} as well.
 */
final class ProxySettings {
    Duration connect;
    Duration client;
    Duration server;
    int maxconn;
    Balance balance = Balance.ROUNDROBIN;
    int retries = 3;
    boolean redispatch;
    UniqueIdFormat uniqueIdFormat;
    String defaultBackend;
    String defaultBackendLocation;
    boolean serverSendProxyV1;
    boolean serverSendProxyV2;
    int serverMaxconn;

    ProxySettings() {
    }

    ProxySettings copy() {
        ProxySettings c = new ProxySettings();
        c.connect = connect;
        c.client = client;
        c.server = server;
        c.maxconn = maxconn;
        c.balance = balance;
        c.retries = retries;
        c.redispatch = redispatch;
        c.uniqueIdFormat = uniqueIdFormat;
        c.defaultBackend = defaultBackend;
        c.defaultBackendLocation = defaultBackendLocation;
        c.serverSendProxyV1 = serverSendProxyV1;
        c.serverSendProxyV2 = serverSendProxyV2;
        c.serverMaxconn = serverMaxconn;
        return c;
    }

    /** HAProxy sends a v2 header when both {@code send-proxy} and {@code send-proxy-v2} are set. */
    static SendProxy sendProxy(boolean v1, boolean v2) {
        return v2 ? SendProxy.V2 : v1 ? SendProxy.V1 : SendProxy.NONE;
    }
}
