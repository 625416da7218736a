package io.hoptrace.proxy.internal.session;

import io.hoptrace.proxy.internal.frontend.FrontendRuntime;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.util.function.Consumer;

/**
 * Builds the session of a connection a bind just accepted (on the listener loop, before the connection is
 * registered with its I/O loop): its id, its options and its pipeline, with the PROXY header decoder first on
 * {@code accept-proxy} binds (it removes itself once the header is read).
 */
public final class SessionInitializer implements Consumer<Channel> {
    private final SessionHost host;
    private final FrontendRuntime frontend;
    private final boolean acceptProxy;

    public SessionInitializer(SessionHost host, FrontendRuntime frontend, boolean acceptProxy) {
        this.host = host;
        this.frontend = frontend;
        this.acceptProxy = acceptProxy;
    }

    @Override
    public void accept(Channel child) {
        ServerConnector.configure(((SocketChannel) child).config());
        host.transport().readBeforeRegister(child); // the first thing a session does is read its client
        ProxySession session = new ProxySession(host, frontend, child, acceptProxy);
        if (acceptProxy) {
            child.pipeline().addLast(new HAProxyMessageDecoder());
        }
        child.pipeline().addLast(new FrontendHandler(session));
    }
}
