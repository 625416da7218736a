package io.hoptrace.proxy.internal.stats;

import io.hoptrace.proxy.StatsLevel;
import io.hoptrace.proxy.internal.ProxyContext;
import io.hoptrace.proxy.internal.events.EventSubscriber;
import io.hoptrace.proxy.internal.session.ProxySession;
import io.hoptrace.proxy.internal.session.Termination;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One stats socket connection: reads request lines (after the line decoder), answers them, and streams events.
 * Modelled on HAProxy's CLI (management guide, section 9.3) and on the {@code show events} patch.
 *
 * <p>Runs on the event dispatcher's thread, like the event bus, so the session table it reads is the bus's own.
 * Each request line is handled as a task behind the events already queued: an answer reflects everything that
 * happened before its request arrived.
 *
 * <p>Non-interactive by default: the request line is answered and the connection closed. {@code prompt}
 * switches to interactive mode (answers end with {@code "\n> "}). While streaming events, a new line (even an
 * empty one) stops the stream, ends its answer with an empty line, and is then handled as a request; a FIN or a
 * disconnect stops it too.
 */
public final class StatsCommandHandler extends SimpleChannelInboundHandler<ByteBuf> {
    static final int MAX_LINE = 16 * 1024;
    static final String PERMISSION_DENIED = "Permission denied.\n";
    static final String SESSION_NOT_FOUND = "Session not found.\n";
    static final String NO_SUCH_SESSION = "No such session (use 'show sess').\n";
    static final String HELP = """
              help                          : this message
              prompt                        : toggle interactive mode with prompt
              quit                          : disconnect
              show info                     : report information about the running process
              show stat                     : report counters for each proxy and server (CSV)
              show sess [id|all]            : report the list of current sessions or dump this session
              show events [full] [snapshot] : stream session events (+ established, - ended) until a new line
              shutdown session <id>         : kill a specific session (level admin)
            """;

    private enum Outcome { ANSWERED, STREAM, QUIT }

    private final ProxyContext proxy;
    private final StatsLevel level;
    private boolean interactive;
    private EventSubscriber subscriber;
    private boolean streamFull;
    private boolean streamSnapshot;

    public StatsCommandHandler(ProxyContext proxy, StatsLevel level) {
        super(false);
        this.proxy = proxy;
        this.level = level;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
        String line;
        try {
            line = msg.toString(StandardCharsets.ISO_8859_1);
        } finally {
            msg.release();
        }
        ctx.executor().execute(() -> handleLine(ctx, line));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            // The client is done sending: answer what it sent (queued before this), then close.
            ctx.executor().execute(() -> {
                stopStreaming(null);
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopStreaming(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (subscriber == null) {
            // Outside a stream, a client that sends requests without reading answers is not read further.
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stopStreaming(null);
        if (cause instanceof TooLongFrameException) {
            // The line decoder fails fast and discards: the request is never buffered whole.
            write(ctx, "Request line too long (more than " + MAX_LINE + " bytes): closing.\n\n")
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private void handleLine(ChannelHandlerContext ctx, String line) {
        if (!ctx.channel().isActive()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        stopStreaming(out);
        Outcome outcome = Outcome.ANSWERED;
        boolean any = false;
        for (String command : splitCommands(line)) {
            any = true;
            outcome = execute(command, out);
            if (outcome != Outcome.ANSWERED) {
                break; // quit, or a stream: the rest of the line is not executed
            }
            out.append('\n'); // every answer ends with an empty line
        }
        if (outcome == Outcome.QUIT || (!any && !interactive)) {
            write(ctx, out).addListener(ChannelFutureListener.CLOSE);
        } else if (outcome == Outcome.STREAM) {
            write(ctx, out);
            subscriber = proxy.bus().subscribe(ctx.channel(), streamFull, streamSnapshot);
        } else if (interactive) {
            write(ctx, out.append("> "));
        } else {
            write(ctx, out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Ends a running stream; its answer ends with an empty line (appended to {@code out} when given). */
    private void stopStreaming(StringBuilder out) {
        if (subscriber != null) {
            proxy.bus().unsubscribe(subscriber);
            subscriber = null;
            if (out != null) {
                out.append('\n');
            }
        }
    }

    private Outcome execute(String command, StringBuilder out) {
        String[] args = command.split("\\s+");
        String verb = args[0];
        if (verb.equals("help")) {
            out.append(HELP);
        } else if (verb.equals("prompt") && args.length == 1) {
            interactive = !interactive;
        } else if (verb.equals("quit") && args.length == 1) {
            return Outcome.QUIT;
        } else if (verb.equals("show") && args.length >= 2) {
            return show(args, command, out);
        } else if (verb.equals("shutdown") && args.length >= 2 && args[1].equals("session")) {
            shutdownSession(args, out);
        } else {
            unknown(command, out);
        }
        return Outcome.ANSWERED;
    }

    private Outcome show(String[] args, String command, StringBuilder out) {
        switch (args[1]) {
            case "info" -> InfoFormatter.append(out, proxy);
            case "stat" -> StatCsvFormatter.append(out, proxy);
            case "sess" -> showSessions(args, out);
            case "events" -> {
                boolean full = false;
                boolean snapshot = false;
                for (int i = 2; i < args.length; i++) {
                    if (args[i].equals("full")) {
                        full = true;
                    } else if (args[i].equals("snapshot")) {
                        snapshot = true;
                    } else {
                        out.append("show events: expected 'full' and/or 'snapshot', got '").append(args[i])
                                .append("'.\n");
                        return Outcome.ANSWERED;
                    }
                }
                streamFull = full;
                streamSnapshot = snapshot;
                return Outcome.STREAM;
            }
            default -> unknown(command, out);
        }
        return Outcome.ANSWERED;
    }

    private void showSessions(String[] args, StringBuilder out) {
        if (args.length == 2 || args[2].equals("all")) {
            List<ProxySession> all = new ArrayList<>(proxy.bus().sessionCount());
            proxy.bus().forEachSession(all::add);
            all.sort((a, b) -> Long.compare(a.id(), b.id()));
            for (ProxySession s : all) {
                if (args.length == 2) {
                    SessionFormatter.appendLine(out, s);
                } else {
                    SessionFormatter.appendDetail(out, s);
                }
            }
            return;
        }
        long id = parseId(args[2]);
        ProxySession s = id < 0 ? null : proxy.bus().session(id);
        if (s == null) {
            out.append(SESSION_NOT_FOUND);
        } else {
            SessionFormatter.appendDetail(out, s);
        }
    }

    private void shutdownSession(String[] args, StringBuilder out) {
        if (!level.allows(StatsLevel.ADMIN)) {
            out.append(PERMISSION_DENIED);
            return;
        }
        if (args.length < 3) {
            out.append("Session id expected (use 'show sess').\n");
            return;
        }
        long id = parseId(args[2]);
        ProxySession s = id < 0 ? null : proxy.bus().session(id);
        if (s == null) {
            out.append(NO_SUCH_SESSION);
            return;
        }
        s.eventLoop().execute(() -> s.shutdown(Termination.SHUTDOWN));
    }

    private static void unknown(String command, StringBuilder out) {
        out.append("Unknown command: '").append(command)
                .append("'. Please enter one of the following commands only :\n").append(HELP);
    }

    private static long parseId(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code ;} separates commands (HAProxy's CLI does the same); blank ones are skipped. */
    static List<String> splitCommands(String line) {
        List<String> commands = new ArrayList<>();
        for (String part : line.split(";")) {
            String c = part.strip();
            if (!c.isEmpty()) {
                commands.add(c);
            }
        }
        return commands;
    }

    private static ChannelFuture write(ChannelHandlerContext ctx, CharSequence text) {
        return ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), text));
    }
}
