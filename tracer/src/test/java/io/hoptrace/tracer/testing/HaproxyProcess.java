package io.hoptrace.tracer.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code /usr/sbin/haproxy}, started in the foreground ({@code -db}) with a configuration written into a
 * test's temporary directory, stopped with destroy + waitFor.
 */
public final class HaproxyProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");
    private final Process process;
    private final Path log;

    private HaproxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Writes {@code config} to {@code dir/haproxy.cfg}, starts haproxy and waits until its stats socket answers. */
    public static HaproxyProcess start(Path dir, String config, Path statsSocket) throws IOException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config);
        Path log = dir.resolve("haproxy.log");
        Process p = new ProcessBuilder(BINARY.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HaproxyProcess h = new HaproxyProcess(p, log);
        try {
            Await.until(Duration.ofSeconds(10), () -> !p.isAlive() || answers(statsSocket), h::output);
            if (!p.isAlive()) {
                throw new IOException("haproxy exited with " + p.exitValue() + ": " + h.output());
            }
        } catch (IOException | RuntimeException | Error e) {
            h.close();
            throw e;
        }
        return h;
    }

    private static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What haproxy printed (warnings, alerts). */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago (for haproxy to bind). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
