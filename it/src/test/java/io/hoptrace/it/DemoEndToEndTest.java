package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code ./hoptrace demo} as the README says to run it, from the repository root, twice in a row: each run ends
 * in time with exit code 0, prints the hop traces and the timeline's path, writes a timeline with one lane per hop,
 * and leaves nothing behind (no process, no listening socket, no socket file, no scratch directory). And a demo
 * interrupted by Ctrl-C (SIGINT) in the middle stops everything too.
 *
 * <p>Runs the launcher with {@code HOPTRACE_NO_BUILD=1} on the jar the build just packaged (the module runs after
 * {@code cli} is packaged): the launcher's build-on-first-use is not what is tested here.
 */
class DemoEndToEndTest {
    private static final long DEADLINE_SECONDS = 90;
    private static final Pattern ENDPOINT = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-f:]+\\]):(\\d+)");
    private static final Pattern TRACE_HEADER = Pattern.compile("(?m)^trace (\\d+) of \\d+: .*\\R  .*, (\\d+) hops?,");
    private static final Pattern SOCKET = Pattern.compile("stats socket (\\S+)");

    @TempDir
    Path tmp;

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("hoptrace")) && Files.isDirectory(p.resolve("samples"))) {
                return p;
            }
        }
        throw new IllegalStateException("no ./hoptrace launcher above " + Path.of("").toAbsolutePath());
    }

    private record Run(int exit, String out, String err, Set<ProcessHandle> processes) {
    }

    /** A started demo: its output read as it comes, its descendants noted while it runs. */
    private static final class Demo {
        final Process process;
        final Path stdout;
        final Path stderr;
        final Set<ProcessHandle> seen = new HashSet<>();

        Demo(Path dir, String... args) throws IOException {
            Path jar = root().resolve("cli/target/hoptrace.jar");
            assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the cli module first");
            List<String> command = new ArrayList<>(List.of("./hoptrace", "demo"));
            command.addAll(List.of(args));
            stdout = dir.resolve("stdout.txt");
            stderr = dir.resolve("stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            pb.environment().put("HOPTRACE_NO_BUILD", "1");
            process = pb.start();
            seen.add(process.toHandle());
        }

        /** Polls (bounded by the deadline) until {@code text} appears on stdout. */
        void awaitOutput(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + DEADLINE_SECONDS * 1_000_000_000L;
            while (!Files.readString(stdout).contains(text)) {
                assertTrue(process.isAlive(), "the demo ended before printing '" + text + "': "
                        + Files.readString(stdout) + Files.readString(stderr));
                assertTrue(System.nanoTime() < deadline, "no '" + text + "' within " + DEADLINE_SECONDS + " s");
                note();
                Thread.sleep(20);
            }
        }

        void note() {
            process.descendants().forEach(seen::add);
        }

        Run await() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + DEADLINE_SECONDS * 1_000_000_000L;
            while (process.isAlive() && System.nanoTime() < deadline) {
                note();
                process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("./hoptrace demo did not end within " + DEADLINE_SECONDS + " s; output:\n"
                        + Files.readString(stdout) + Files.readString(stderr));
            }
            return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr), seen);
        }
    }

    private static Set<Path> scratchDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new HashSet<>(s.filter(p -> p.getFileName().toString().startsWith("hoptrace-demo-run-")).toList());
        }
    }

    @Test
    @Timeout(300)
    void demoRunsTwiceInARowAndLeavesNothingBehind() throws Exception {
        for (int n = 1; n <= 2; n++) {
            Path out = Files.createDirectories(tmp.resolve("run" + n));
            Set<Path> scratchBefore = scratchDirs();
            Run run = new Demo(tmp.resolve("run" + n), "--out", out.resolve("files").toString()).await();
            String context = "run " + n + ":\n" + run.out() + run.err();
            assertEquals(0, run.exit(), context);

            Map<Integer, Integer> hops = tracesWithHops(run.out());
            assertFalse(hops.isEmpty(), "no trace printed; " + context);
            assertTrue(run.out().contains("hop 2  "), "no third hop in the traces; " + context);
            Path timeline = out.resolve("files/timeline.svg");
            assertTrue(run.out().contains(timeline.toString()), "the timeline's path is not printed; " + context);
            assertEquals(hops, lanesPerTrace(timeline), "lanes per trace in " + timeline + " (one per hop)");
            assertTrue(run.out().contains("hoptrace correlate -e events.jsonl -r capture.pcap"),
                    "the last lines say what to run next; " + context);

            assertNothingLeft(run, scratchBefore, context);
        }
    }

    @Test
    @Timeout(120)
    void demoInterruptedByCtrlCStopsEverything() throws Exception {
        Set<Path> scratchBefore = scratchDirs();
        Demo demo = new Demo(tmp, "--out", tmp.resolve("files").toString());
        demo.awaitOutput("The live session table:");
        demo.note();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(demo.process.pid())).start();
        assertEquals(0, kill.waitFor(), "kill -INT");
        Run run = demo.await();
        String context = run.out() + run.err();
        assertEquals(130, run.exit(), "exit code after SIGINT; " + context);
        assertTrue(run.err().contains("interrupted"), "says it was interrupted; " + context);
        assertNothingLeft(run, scratchBefore, context);
    }

    /** Trace number to hop count, from the trace headers ("trace 1 of 4: ...", then "..., 3 hops, ..."). */
    private static Map<Integer, Integer> tracesWithHops(String out) {
        Map<Integer, Integer> hops = new TreeMap<>();
        Matcher m = TRACE_HEADER.matcher(out);
        while (m.find()) {
            hops.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return hops;
    }

    /** Trace number to the number of lanes ({@code <g class="lane" data-trace=...>}) the picture draws for it. */
    private static Map<Integer, Integer> lanesPerTrace(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile()); // throws if it is not well-formed XML
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        Map<Integer, Integer> lanes = new TreeMap<>();
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (List.of(g.getAttribute("class").split(" ")).contains("lane")) {
                lanes.merge(Integer.parseInt(g.getAttribute("data-trace")), 1, Integer::sum);
            }
        }
        return lanes;
    }

    private static void assertNothingLeft(Run run, Set<Path> scratchBefore, String context) throws IOException {
        for (ProcessHandle p : run.processes()) {
            assertFalse(p.isAlive(), "process " + p.pid() + " of the demo still runs: " + p.info());
        }
        List<InetSocketAddress> printed = new ArrayList<>();
        for (String line : run.out().split("\\R")) {
            if (line.startsWith("  backend ") || line.startsWith("  edge ") || line.startsWith("  mid ")) {
                Matcher m = ENDPOINT.matcher(line.replaceAll("stats socket .*", ""));
                while (m.find()) {
                    printed.add(new InetSocketAddress(m.group(1).replace("[", "").replace("]", ""),
                            Integer.parseInt(m.group(2))));
                }
            }
        }
        assertTrue(printed.size() >= 3, "expected the backend's, edge's and mid's addresses; " + context);
        for (InetSocketAddress a : printed) {
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(a, 2000);
                }
            }, a + " still accepts connections after the demo");
        }
        Matcher m = SOCKET.matcher(run.out());
        int sockets = 0;
        while (m.find()) {
            Path socket = Path.of(m.group(1));
            sockets++;
            assertFalse(Files.exists(socket), socket + " left behind");
            assertFalse(Files.exists(socket.getParent()), socket.getParent() + " left behind");
        }
        assertTrue(sockets >= 2, "expected the two stats sockets' paths; " + context);
        Set<Path> scratch = scratchDirs();
        scratch.removeAll(scratchBefore);
        assertTrue(scratch.isEmpty(), "scratch directories left: " + scratch);
    }
}
