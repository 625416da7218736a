package io.hoptrace.proxy.internal.backend;

import io.netty.util.concurrent.EventExecutor;

/** A session waiting in a backend queue for a server slot. */
public interface ServerWaiter {
    /** The thread the session lives on; {@link #assigned} runs there. */
    EventExecutor executor();

    /** A slot of {@code server} is now held for this session (it must release it if it no longer wants it). */
    void assigned(ServerRuntime server);
}
