package io.hoptrace.proxy.internal.session;

import io.hoptrace.proxy.internal.events.EventBus;
import io.hoptrace.proxy.internal.frontend.FrontendRuntime;
import io.hoptrace.proxy.internal.transport.Transport;

/** What a session needs from the proxy it belongs to. */
public interface SessionHost {
    /** The next session id of this proxy: 1, 2, 3, ... */
    long nextSessionId();

    EventBus<ProxySession> bus();

    Transport transport();

    /** The process id, for {@code unique-id-format}'s {@code %pid}. */
    long pid();

    /** True once the proxy is stopping: a session that starts now ends at once with {@code proxy-stop}. */
    boolean stopping();

    /** The session has ended and released everything else; counts it out of {@code maxconn}. */
    void sessionEnded(FrontendRuntime frontend);
}
