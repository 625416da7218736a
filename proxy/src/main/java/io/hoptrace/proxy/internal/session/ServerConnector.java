package io.hoptrace.proxy.internal.session;

import io.hoptrace.proxy.ServerConfig;
import io.hoptrace.proxy.internal.backend.ServerRuntime;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import java.time.Duration;

/**
 * Opens a session's server connection on the client connection's event loop, so both halves of the session
 * share one thread. Built by hand rather than with a Bootstrap: a Bootstrap per connection copies its option
 * maps and looks up a resolver under a lock, and the address here is already resolved.
 */
final class ServerConnector {
    /**
     * Both connections of a session buffer at most this much before the other side stops being read:
     * {@code high} bounds the proxy's memory per direction (plus one read), {@code low} is where reading resumes.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 128 * 1024);

    private ServerConnector() {
    }

    static SocketChannel open(ProxySession session, Transport transport, EventLoop loop, ServerRuntime server,
                              Duration connectTimeout) {
        SocketChannel ch = transport.newSocketChannel(server.address());
        configure(ch.config());
        // timeout connect unset means no limit, as in HAProxy; Netty's default would be 30 s.
        ch.config().setConnectTimeoutMillis(connectTimeout == null ? 0
                : (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
        if (server.sendProxy() != ServerConfig.SendProxy.NONE) {
            ch.pipeline().addLast(HAProxyMessageEncoder.INSTANCE);
        }
        ch.pipeline().addLast(new BackendHandler(session));
        // The server is read from as soon as it is connected: ask now, so the read interest goes with the
        // connect's epoll registration rather than costing a system call of its own once connected.
        transport.readBeforeRegister(ch);
        loop.register(ch).addListener((ChannelFuture registered) -> {
            if (registered.isSuccess()) {
                ch.connect(server.address()).addListener((ChannelFuture f) -> session.connector.connectDone(ch, f));
            } else {
                session.connector.connectDone(ch, registered);
            }
        });
        return ch;
    }

    /** The options of both connections of a session: explicit reads, half-close, bounded output. */
    static void configure(SocketChannelConfig config) {
        config.setAutoRead(false);
        config.setAllowHalfClosure(true);
        config.setWriteBufferWaterMark(WATER_MARK);
    }
}
