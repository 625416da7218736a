package io.hoptrace.proxy.internal.stats;

import io.hoptrace.proxy.TransportKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.proxy.GlobalConfig;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.StatsLevel;
import io.hoptrace.proxy.internal.ProxyContext;
import io.hoptrace.proxy.internal.events.EventDispatcher;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stats protocol handler on an EmbeddedChannel: requests in, answers out. */
class StatsCommandHandlerTest {
    private MultiThreadIoEventLoopGroup group;
    private ProxyContext proxy;

    @BeforeEach
    void setUp() {
        Transport transport = Transport.select(TransportKind.NIO);
        group = transport.newGroup(1, "test-dispatcher");
        ProxyConfig config = new ProxyConfig("unit", "unit.cfg", new GlobalConfig(100, List.of()), List.of(),
                List.of(), List.of());
        proxy = new ProxyContext(config, transport, 1, group.next(), new EventDispatcher(group.next()), 1 << 20);
    }

    @AfterEach
    void tearDown() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private EmbeddedChannel channel(StatsLevel level) {
        return new EmbeddedChannel(new LineBasedFrameDecoder(StatsCommandHandler.MAX_LINE, true, true),
                new StatsCommandHandler(proxy, level));
    }

    private static String send(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    @Test
    void helpListsEveryCommandThenAnEmptyLineAndCloses() {
        EmbeddedChannel ch = channel(StatsLevel.ADMIN);
        String answer = send(ch, "help\n");
        for (String command : List.of("help", "prompt", "quit", "show info", "show stat", "show sess [id|all]",
                "show events [full] [snapshot]", "shutdown session <id>")) {
            assertTrue(answer.contains("  " + command + " "), command);
        }
        assertTrue(answer.endsWith("\n\n"));
        assertFalse(ch.isOpen(), "non-interactive: answered, then closed");
    }

    @Test
    void anUnknownCommandGetsTheUsage() {
        String answer = send(channel(StatsLevel.ADMIN), "frobnicate now\n");
        assertTrue(answer.startsWith("Unknown command: 'frobnicate now'. Please enter one of the following"
                + " commands only :\n  help"), answer);
    }

    @Test
    void promptTogglesInteractiveModeWithAPrompt() {
        EmbeddedChannel ch = channel(StatsLevel.ADMIN);
        assertEquals("\n> ", send(ch, "prompt\n"));
        assertTrue(ch.isOpen());
        assertTrue(send(ch, "show info\n").endsWith("\n\n> "));
        assertEquals("> ", send(ch, "\n"), "an empty line only prompts again");
        assertEquals("", send(ch, "quit\n"));
        assertFalse(ch.isOpen());
    }

    @Test
    void anEmptyLineClosesANonInteractiveConnection() {
        EmbeddedChannel ch = channel(StatsLevel.ADMIN);
        assertEquals("", send(ch, "\n"));
        assertFalse(ch.isOpen());
    }

    @Test
    void shutdownSessionNeedsAdminLevel() {
        assertEquals("Permission denied.\n\n", send(channel(StatsLevel.USER), "shutdown session 1\n"));
        assertEquals("Permission denied.\n\n", send(channel(StatsLevel.OPERATOR), "shutdown session 1\n"));
        assertEquals("No such session (use 'show sess').\n\n", send(channel(StatsLevel.ADMIN),
                "shutdown session 1\n"));
        assertEquals("Session id expected (use 'show sess').\n\n", send(channel(StatsLevel.ADMIN),
                "shutdown session\n"));
    }

    @Test
    void showSessOfAnUnknownIdSaysSessionNotFound() {
        assertEquals("Session not found.\n\n", send(channel(StatsLevel.USER), "show sess 12\n"));
        assertEquals("Session not found.\n\n", send(channel(StatsLevel.USER), "show sess x1\n"));
    }

    @Test
    void showEventsRejectsAnUnknownOption() {
        assertEquals("show events: expected 'full' and/or 'snapshot', got 'fast'.\n\n",
                send(channel(StatsLevel.USER), "show events fast\n"));
    }

    @Test
    void commandsAfterQuitOnTheSameLineAreNotRun() {
        EmbeddedChannel ch = channel(StatsLevel.USER);
        assertEquals("", send(ch, "quit; show info\n"));
        assertFalse(ch.isOpen());
    }

    @Test
    void semicolonSeparatedCommandsAreAnsweredInOrder() {
        String answer = send(channel(StatsLevel.USER), "show info ; show stat\n");
        assertTrue(answer.startsWith("Name: unit\n"), answer);
        int csv = answer.indexOf(StatCsvFormatter.HEADER);
        assertTrue(csv > 0 && answer.substring(0, csv).endsWith("\n\n"), "show info ends with an empty line");
    }

    @Test
    void aLineOver16KiBIsRefusedAndTheConnectionClosed() {
        EmbeddedChannel ch = channel(StatsLevel.ADMIN);
        String answer = send(ch, "x".repeat(StatsCommandHandler.MAX_LINE + 1));
        assertEquals("Request line too long (more than 16384 bytes): closing.\n\n", answer);
        assertFalse(ch.isOpen());
    }

    @Test
    void aHalfCloseAfterTheRequestStillGetsTheAnswer() {
        EmbeddedChannel ch = channel(StatsLevel.USER);
        ch.writeInbound(Unpooled.copiedBuffer("show info\n", StandardCharsets.US_ASCII));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.runPendingTasks();
        ByteBuf out = ch.readOutbound();
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Name: unit\n"));
        out.release();
        assertFalse(ch.isOpen());
    }
}
