package io.hoptrace.tracer.internal.net;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One request on a stats socket: connect, send the request line, feed every answer line to a {@link LineSink},
 * and report the end exactly once. The socket is used non-interactively, as HAProxy's CLI and the hoptrace proxy
 * are by default: the server answers and closes, or keeps streaming ({@code show events}) until the client
 * closes.
 */
public final class StatsConnection {
    /** Lines longer than this are skipped: far above any event line or {@code show sess} line. */
    public static final int MAX_LINE = 64 * 1024;

    private StatsConnection() {
    }

    /**
     * Opens the connection. {@code onEnd} receives null when the server closed the connection (or the caller
     * closed the returned channel), else the cause: connect failure, read timeout, I/O error.
     *
     * @param readTimeoutMillis fail when nothing arrives for this long; 0 for none (streams)
     * @param onConnected runs once connected, before any line arrives
     */
    public static Channel open(StatsTransport transport, StatsAddress address, EventLoop loop, String request,
                               LineSink sink, int connectTimeoutMillis, long readTimeoutMillis,
                               Runnable onConnected, Consumer<Throwable> onEnd) {
        Ender ender = new Ender(onEnd);
        ChannelFuture f = transport.connect(address, loop, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (readTimeoutMillis > 0) {
                    ch.pipeline().addLast(new ReadTimeoutHandler(readTimeoutMillis, TimeUnit.MILLISECONDS));
                }
                ch.pipeline().addLast(new StatsLineDecoder(sink, MAX_LINE));
                ch.pipeline().addLast(new RequestHandler(request, onConnected, ender));
            }
        }, connectTimeoutMillis);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                ender.end(new StatsConnectException(done.cause()));
            }
        });
        return f.channel();
    }

    /** Calls the end callback once. */
    private static final class Ender {
        private final Consumer<Throwable> onEnd;
        private boolean ended;

        Ender(Consumer<Throwable> onEnd) {
            this.onEnd = onEnd;
        }

        void end(Throwable cause) {
            if (!ended) {
                ended = true;
                onEnd.accept(cause);
            }
        }
    }

    /** Sends the request once connected; turns errors and the close into the end callback. */
    private static final class RequestHandler extends ChannelInboundHandlerAdapter {
        private final String request;
        private final Runnable onConnected;
        private final Ender ender;
        private Throwable cause;

        RequestHandler(String request, Runnable onConnected, Ender ender) {
            this.request = request;
            this.onConnected = onConnected;
            this.ender = ender;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (onConnected != null) {
                onConnected.run();
            }
            ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), request + "\n"));
            ctx.fireChannelActive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
            if (cause == null) {
                cause = t instanceof ReadTimeoutException ? new java.io.IOException("no answer (read timed out)")
                        : t;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ender.end(cause);
            ctx.fireChannelInactive();
        }
    }
}
