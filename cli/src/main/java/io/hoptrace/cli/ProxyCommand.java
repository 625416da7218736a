package io.hoptrace.cli;

import io.hoptrace.cli.internal.ProxyLog;
import io.hoptrace.cli.internal.UserException;
import io.hoptrace.cli.internal.VerboseOption;
import io.hoptrace.proxy.ConfigException;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.ProxyRuntime;
import io.hoptrace.proxy.ProxyServer;
import io.hoptrace.proxy.RuntimeOptions;
import io.hoptrace.proxy.TransportKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hoptrace proxy}: runs one proxy per configuration file in this process, in the foreground, until
 * SIGINT or SIGTERM; {@code --check} only validates the files.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Run TCP proxies whose stats sockets stream their sessions ('show events').",
            "",
            "Each -f file is one proxy, in a subset of HAProxy's configuration language",
            "(frontend/backend/listen, balance, timeouts, retries, maxconn, PROXY protocol,",
            "stats socket), with its own name and stats socket; all of them run in this",
            "process. Logs go to stderr. SIGINT or SIGTERM stops accepting, ends every",
            "session (term=proxy-stop, which subscribers receive) and removes the socket",
            "files. The stats socket protocol is described in docs/protocol.md.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # a two-hop chain on loopback, then watch the edge's sessions",
            "  hoptrace proxy -f samples/chain/edge.cfg -f samples/chain/mid.cfg",
            "  echo 'show events full' |",
            "      socat stdio,ignoreeof unix-connect:/tmp/hoptrace-edge.sock",
            "",
            "  # validate: exit code 4 and every error with file:line when invalid",
            "  hoptrace proxy --check -f edge.cfg -f mid.cfg",
            "",
            "Exit codes: 0 stopped cleanly or valid, 1 a bind failed or the --transport",
            "named cannot load, 2 bad usage, 4 configuration errors."})
public final class ProxyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--config"}, required = true, paramLabel = "FILE",
            description = "A proxy's configuration file; repeat for several proxies in one process.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-c", "--check"},
            description = "Only validate the configuration files: print every error and warning, then exit.")
    boolean check;

    @Option(names = "--threads", paramLabel = "N",
            description = "I/O threads shared by the proxies (default: one per core).")
    Integer threads;

    @Option(names = "--transport", paramLabel = "KIND", defaultValue = "auto",
            description = "I/O transport of the proxied connections: auto (default: io_uring, else epoll, "
                    + "else NIO), io_uring, epoll or nio. Naming one this machine lacks is an error; "
                    + "'show info' reports the one in use.")
    TransportKind transport;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ProxyLog log = new ProxyLog(spec.commandLine().getErr());
        List<ProxyConfig> configs = load(log);
        if (configs == null) {
            return ExitCodes.BAD_CONFIG;
        }
        if (check) {
            for (ProxyConfig c : configs) {
                out.println("Configuration file is valid: " + c.file() + " (proxy " + c.name() + ")");
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threads: expected at least 1, got " + threads);
        }
        RuntimeOptions options = RuntimeOptions.defaults().withTransport(transport);
        if (threads != null) {
            options = options.withIoThreads(threads);
        }
        ProxyRuntime runtime;
        try {
            runtime = ProxyRuntime.create(options);
        } catch (IllegalStateException e) { // a transport named with --transport that cannot load here
            throw new UserException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        try {
            for (ProxyConfig c : configs) {
                log.started(runtime.start(c));
            }
        } catch (IOException e) {
            runtime.close();
            throw new UserException(ExitCodes.FAILURE, e.getMessage(), e);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        log.running(runtime);
        return runUntilSignal(runtime, log);
    }

    /** Reads every file; on errors prints them all (every file, every line) and returns null. */
    private List<ProxyConfig> load(ProxyLog log) {
        List<ProxyConfig> configs = new ArrayList<>();
        int errors = 0;
        for (Path file : files) {
            try {
                ProxyConfig c = ProxyConfig.load(file);
                c.warnings().forEach(log::warning);
                configs.add(c);
            } catch (ConfigException e) {
                e.warnings().forEach(log::warning);
                e.errors().forEach(log::error);
                errors += e.errors().size();
            }
        }
        if (errors > 0) {
            log.message(errors + (errors == 1 ? " error" : " errors") + " in the configuration; nothing started.");
            return null;
        }
        return configs;
    }

    /** The proxies run on their own threads; this one waits for the shutdown hook (SIGINT, SIGTERM). */
    private static int runUntilSignal(ProxyRuntime runtime, ProxyLog log) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.message("stopping: no new connections, ending every session (term=proxy-stop)");
            List<ProxyServer> servers = runtime.servers();
            runtime.close();
            servers.forEach(log::stopped);
            stopped.countDown();
        }, "hoptrace-proxy-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return ExitCodes.OK;
    }
}
