package io.hoptrace.correlator.internal.report;

import static io.hoptrace.correlator.internal.report.TimelineFixture.byClass;
import static io.hoptrace.correlator.internal.report.TimelineFixture.svgElements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The timeline as a person sees it: rendered by a real browser (headless Chromium) to a PNG, which must show the
 * lanes with their marks in the right places, not a blank page. {@code scripts/test} installs Chromium; without
 * it these tests fail rather than skip, so that a picture nobody looked at never passes.
 */
class TimelineSvgWriterBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void svgRendersItsLanesAndMarksInChromium() throws IOException, InterruptedException {
        String svg = TimelineFixture.svg(TimelineFixture.chainWithServerReset());
        checkRendered(svg, render(svg, "timeline.svg"));
    }

    @Test
    @Timeout(120)
    void htmlPageRendersItsLanesAndMarksInChromium() throws IOException, InterruptedException {
        String html = TimelineFixture.html(TimelineFixture.chainWithServerReset());
        checkRendered(html, render(html, "timeline.html"));
    }

    private BufferedImage render(String content, String name) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " not found: the timeline must be checked in a real browser. Run ./scripts/test, which"
                    + " installs it (or: apt-get install -y chromium)");
        }
        Path page = dir.resolve(name);
        Files.writeString(page, content, StandardCharsets.UTF_8);
        Path shot = dir.resolve(name + ".png");
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + shot, "--window-size=" + WIDTH + "," + HEIGHT, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                fail("chromium did not finish within 90 s; its output:\n" + Files.readString(log));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(Files.isRegularFile(shot) && Files.size(shot) > 0,
                "no screenshot from chromium (exit " + p.exitValue() + "); its output:\n" + Files.readString(log));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "the screenshot is not a PNG ImageIO can read: " + shot);
        assertEquals(WIDTH, img.getWidth(), "screenshot width");
        return img;
    }

    /** The lanes, as laid out in the file, must show the marks' colours; the RST's red only on hop 2. */
    private static void checkRendered(String xml, BufferedImage img) {
        Document d = TimelineFixture.parse(xml);
        List<Element> lanes = byClass(d, "lane");
        assertEquals(3, lanes.size());
        Rectangle hop0 = laneBox(lanes.get(0));
        Rectangle hop2 = laneBox(lanes.get(2));
        Rectangle all = hop0.union(hop2);
        assertTrue(all.y + all.height <= img.getHeight(), "the lanes fit the window: " + all);

        assertTrue(distinctColours(img, all) >= 12, "a blank or flat picture: " + distinctColours(img, all)
                + " colours in the lanes " + all);
        assertTrue(count(img, all, TimelineSvgWriterBrowserTest::blue) >= 20, "client → server data bars");
        assertTrue(count(img, all, TimelineSvgWriterBrowserTest::orange) >= 20, "server → client data bars");
        assertTrue(count(img, all, TimelineSvgWriterBrowserTest::lightBlue) >= 100, "request dwell shading");
        assertTrue(count(img, hop2, TimelineSvgWriterBrowserTest::red) >= 60, "the RST on hop 2");
        assertEquals(0, count(img, hop0, TimelineSvgWriterBrowserTest::red), "no RST on hop 0");
        Rectangle labels = new Rectangle(0, all.y, (int) TimelineStyle.PLOT_START - 20, all.height);
        assertTrue(count(img, labels, TimelineSvgWriterBrowserTest::dark) >= 300, "lane labels drawn as text");
    }

    private static Rectangle laneBox(Element lane) {
        Element bg = svgElements(lane, "rect").get(0);
        return new Rectangle((int) Double.parseDouble(bg.getAttribute("x")),
                (int) Double.parseDouble(bg.getAttribute("y")), (int) Double.parseDouble(bg.getAttribute("width")),
                (int) Double.parseDouble(bg.getAttribute("height")));
    }

    private static int distinctColours(BufferedImage img, Rectangle r) {
        Set<Integer> colours = new HashSet<>();
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static int count(BufferedImage img, Rectangle r, IntPredicate colour) {
        int n = 0;
        for (int y = r.y; y < Math.min(img.getHeight(), r.y + r.height); y++) {
            for (int x = r.x; x < Math.min(img.getWidth(), r.x + r.width); x++) {
                n += colour.test(img.getRGB(x, y) & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean red(int rgb) {
        return r(rgb) > 190 && g(rgb) < 60 && b(rgb) < 60;
    }

    private static boolean blue(int rgb) {
        return r(rgb) < 80 && g(rgb) > 110 && g(rgb) < 170 && b(rgb) > 200;
    }

    private static boolean orange(int rgb) {
        return r(rgb) > 220 && g(rgb) > 100 && g(rgb) < 160 && b(rgb) < 60;
    }

    private static boolean lightBlue(int rgb) {
        return r(rgb) > 150 && r(rgb) < 215 && g(rgb) > 200 && b(rgb) > 235;
    }

    private static boolean dark(int rgb) {
        return r(rgb) < 90 && g(rgb) < 90 && b(rgb) < 90;
    }

    private static int r(int rgb) {
        return rgb >> 16 & 0xff;
    }

    private static int g(int rgb) {
        return rgb >> 8 & 0xff;
    }

    private static int b(int rgb) {
        return rgb & 0xff;
    }
}
