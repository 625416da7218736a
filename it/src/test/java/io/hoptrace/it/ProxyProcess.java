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
        ProxyProcess p = launch(config, List.of());
        p.awaitListening(timeout);
        return p;
    }

    /** Waits until the (single) frontend listens and returns where; kills the process and fails if it does not. */
    Endpoint awaitListening(Duration timeout) throws IOException {
        try {
            return listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            throw new IOException("hoptrace proxy did not start listening within " + timeout.toMillis()
                    + " ms; its output: " + output(), e);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the proxy to listen", e);
        }
    }

    /** Starts {@code hoptrace proxy [proxyArgs] -f config} in a JVM with {@code jvmOptions} added; does not wait. */
    static ProxyProcess launch(Path config, List<String> jvmOptions, String... proxyArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hoptrace.cli.Main", "proxy"));
        command.addAll(List.of(proxyArgs));
        command.addAll(List.of("-f", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        return new ProxyProcess(pb.start());
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("the proxy process " + process.pid() + " still runs after " + timeout
                    + "; its output: " + output());
        }
        return process.exitValue();
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
