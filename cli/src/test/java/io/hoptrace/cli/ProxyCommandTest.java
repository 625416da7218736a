package io.hoptrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyCommandTest {
    private static final String VALID = """
            global
                stats socket %s mode 600 level admin
            defaults
                mode tcp
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            frontend web
                bind 127.0.0.1:0
                default_backend app
            backend app
                server s1 127.0.0.1:9
            """;

    @TempDir
    Path tmp;

    /** {@code hoptrace proxy args...}, in this process. */
    private static CommandResult run(String... args) {
        return CommandResult.runSubcommand("proxy", args);
    }

    private Path config(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void checkAcceptsValidFilesWithExitCodeZero() throws Exception {
        Path edge = config("edge.cfg", VALID.formatted(tmp.resolve("edge.sock")));
        Path mid = config("mid.cfg", VALID.formatted(tmp.resolve("mid.sock")));
        CommandResult r = run("--check", "-f", edge.toString(), "-f", mid.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("Configuration file is valid: " + edge), r.out());
        assertTrue(r.out().contains("Configuration file is valid: " + mid), r.out());
    }

    @Test
    void checkReportsEveryErrorWithFileAndLineAndExitsFour() throws Exception {
        Path bad = config("bad.cfg", VALID.formatted(tmp.resolve("s")).replace("    mode tcp\n",
                "    mode tcp\n    frobnicate yes\n") + "frontend other\n    bind 127.0.0.1:99999\n");
        Path good = config("good.cfg", VALID.formatted(tmp.resolve("g")));
        CommandResult r = run("--check", "-f", good.toString(), "-f", bad.toString());
        assertEquals(ExitCodes.BAD_CONFIG, r.exit());
        assertTrue(r.err().contains("hoptrace proxy: error: " + bad + ":5: "), r.err());
        assertTrue(r.err().contains(bad + ":15: "), "the second error is reported too: " + r.err());
        assertTrue(r.err().contains("errors in the configuration; nothing started."), r.err());
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        CommandResult r = run("--check", "-f", tmp.resolve("nope.cfg").toString());
        assertEquals(ExitCodes.BAD_CONFIG, r.exit());
        assertTrue(r.err().contains("nope.cfg"), r.err());
    }

    @Test
    void withoutAFileItIsBadUsage() {
        CommandResult r = run("--check");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--config=FILE"), r.err());
    }

    @Test
    void helpShowsAnExample() {
        CommandResult r = run("--help");
        assertEquals(ExitCodes.OK, r.exit());
        assertTrue(r.out().contains("hoptrace proxy -f samples/chain/edge.cfg -f samples/chain/mid.cfg"), r.out());
        assertTrue(r.out().contains("--check"), r.out());
    }

    @Test
    void aBindThatFailsExitsOneNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path cfg = config("busy.cfg", VALID.formatted(tmp.resolve("busy.sock"))
                    .replace("127.0.0.1:0", "127.0.0.1:" + taken.getLocalPort()));
            CommandResult r = run("-f", cfg.toString());
            assertEquals(ExitCodes.FAILURE, r.exit());
            assertTrue(r.err().contains("bind 127.0.0.1:" + taken.getLocalPort() + " (" + cfg + ":9"), r.err());
            assertTrue(Files.notExists(tmp.resolve("busy.sock")), "nothing stays bound");
        }
    }

    @Test
    void anUnknownTransportIsBadUsageNamingTheChoices() throws Exception {
        Path cfg = config("t.cfg", VALID.formatted(tmp.resolve("t.sock")));
        CommandResult r = run("--transport", "dpdk", "-f", cfg.toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--transport") && r.err().contains("IO_URING") && r.err().contains("'dpdk'"),
                r.err());
        assertTrue(Files.notExists(tmp.resolve("t.sock")), "nothing started");
    }
}
