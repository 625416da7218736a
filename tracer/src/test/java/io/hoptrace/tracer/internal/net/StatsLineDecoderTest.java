package io.hoptrace.tracer.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsLineDecoderTest {
    private final List<String> lines = new ArrayList<>();
    private final List<Integer> overlong = new ArrayList<>();
    /** How many lines had arrived at each end of a read. */
    private final List<Integer> readEnds = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new StatsLineDecoder(new LineSink() {
        @Override
        public void line(LineChars line, long receivedMicros) {
            lines.add(line.toString());
        }

        @Override
        public void overlong(int length) {
            overlong.add(length);
        }

        @Override
        public void endOfRead() {
            readEnds.add(lines.size());
        }
    }, 16));

    private void write(String s) {
        channel.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    @Test
    void joinsALineSplitAcrossReads() {
        write("+ 1 a");
        write("b\n- 1\n");
        assertEquals(List.of("+ 1 ab", "- 1"), lines);
    }

    @Test
    void dropsTheCarriageReturnOfCrLf() {
        write("Name: x\r\n\r\n");
        assertEquals(List.of("Name: x", ""), lines);
    }

    @Test
    void skipsALineLongerThanTheLimitAndGoesOn() {
        write("0123456789abcdef");
        write("ghij\n- 2\n");
        assertEquals(List.of("- 2"), lines);
        assertEquals(List.of(20), overlong);
    }

    @Test
    void skipsAnOverlongLineInOneRead() {
        write("0123456789abcdefghij\nok\n");
        assertEquals(List.of("ok"), lines);
        assertEquals(List.of(20), overlong);
    }

    @Test
    void deliversALastLineWithoutNewlineAtClose() {
        write("# snapshot 0\nNo such");
        channel.finish();
        assertEquals(List.of("# snapshot 0", "No such"), lines);
    }

    @Test
    void decodesUtf8InNames() {
        write("+ 1 fe=café\n");
        assertEquals(List.of("+ 1 fe=café"), lines);
    }

    @Test
    void tellsTheSinkWhenTheLinesOfAReadAreDone() {
        write("- 1\n- 2\n- 3");
        assertEquals(2, readEnds.get(readEnds.size() - 1), "after the two whole lines of the first read");
        write("\n");
        assertEquals(List.of("- 1", "- 2", "- 3"), lines);
        assertEquals(3, readEnds.get(readEnds.size() - 1), "after the line the second read completed");
    }
}
