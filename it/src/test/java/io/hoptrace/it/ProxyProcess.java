package io.hoptrace.it;

import io.hoptrace.events.Endpoint;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hoptrace proxy -f <config>} in a child JVM (the test's own classpath, {@code io.hoptrace.cli.Main}), so
 * that it can really be killed: SIGKILL, no chance to send its last events or remove its socket file.
 */
final class ProxyProcess implements Closeable {
    /** {@code ProxyLog}'s start-up line: "hoptrace proxy: mid: frontend mid listening on 127.0.0.1:41234". */
    private static final Pattern LISTENING = Pattern.compile("frontend \\S+ listening on (\\S+)$");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Endpoint> listening = new CompletableFuture<>();

    private ProxyProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "proxy-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the proxy and waits until its (single) frontend listens; fails with the child's output if not. */
    static ProxyProcess start(Path config, Duration timeout) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.hoptrace.cli.Main", "proxy", "-f",
                config.toString());
        pb.redirectErrorStream(true);
        ProxyProcess p = new ProxyProcess(pb.start());
        try {
            p.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            p.kill();
            throw new IOException("hoptrace proxy -f " + config + " did not start listening within "
                    + timeout.toMillis() + " ms; its output: " + p.output(), e);
        } catch (InterruptedException e) {
            p.kill();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + config, e);
        }
        return p;
    }

    /** Where its frontend listens (the port the system gave its {@code bind ...:0}). */
    Endpoint frontend() {
        return listening.getNow(null);
    }

    /** SIGKILL, then waits (bounded) for the process to be gone. */
    void kill() throws IOException {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IOException("the proxy process " + process.pid() + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while killing the proxy process " + process.pid(), e);
        }
    }

    synchronized List<String> output() {
        return List.copyOf(output);
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (this) {
                    output.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(Endpoint.parse(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        listening.completeExceptionally(new IOException("the proxy process ended: " + output()));
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            kill();
        }
    }
}
