package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.StatsSocketConfig;
import java.util.Set;

/**
 * The {@code global} section (configuration manual 3): {@code stats socket}, {@code maxconn} and {@code node}
 * are implemented; {@code setenv}, {@code presetenv}, {@code unsetenv} and {@code resetenv} change the variables
 * later lines expand; every other HAProxy 2.6 global keyword (process management, tuning, TLS defaults,
 * logging, ...) is accepted with a warning, since none of them changes where connections go.
 */
final class GlobalSectionParser {
    /** Configuration manual 3, "Global parameters", HAProxy 2.6 (the {@code tune.*} keywords are matched apart). */
    static final Set<String> IGNORED = Set.of(
            "51degrees-cache-size", "51degrees-data-file", "51degrees-property-name-list",
            "51degrees-property-separator", "busy-polling", "ca-base", "chroot", "close-spread-time",
            "cluster-secret", "cpu-map", "crt-base", "daemon", "debug", "default-path", "description",
            "deviceatlas-json-file", "deviceatlas-log-level", "deviceatlas-properties-cookie",
            "deviceatlas-separator", "expose-experimental-directives", "external-check", "fd-hard-limit", "gid",
            "grace", "group", "h1-accept-payload-with-any-method", "h1-case-adjust", "h1-case-adjust-file",
            "h2-workaround-bogus-websocket-clients", "hard-stop-after", "httpclient.resolvers.id",
            "httpclient.resolvers.prefer", "httpclient.ssl.ca-file", "httpclient.ssl.verify",
            "insecure-fork-wanted", "insecure-setuid-wanted", "issuers-chain-path", "localpeer", "log",
            "log-send-hostname", "log-tag", "lua-load", "lua-load-per-thread", "lua-prepend-path",
            "master-worker", "max-spread-checks", "maxcompcpuusage", "maxcomprate", "maxconnrate", "maxpipes",
            "maxsessrate", "maxsslconn", "maxsslrate", "maxzlibmem", "mworker-max-reloads", "nbthread",
            "no-memory-trimming", "noepoll", "noevports", "nogetaddrinfo", "nokqueue", "nopoll", "noreuseport",
            "nosplice", "numa-cpu-mapping", "pidfile", "pp2-never-send-local", "profiling.memory",
            "profiling.tasks", "quiet", "server-state-base", "server-state-file", "set-dumpable", "set-var",
            "set-var-fmt", "spread-checks", "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites",
            "ssl-default-bind-curves", "ssl-default-bind-options", "ssl-default-server-ciphers",
            "ssl-default-server-ciphersuites", "ssl-default-server-options", "ssl-dh-param-file", "ssl-engine",
            "ssl-load-extra-del-ext", "ssl-load-extra-files", "ssl-mode-async", "ssl-propquery", "ssl-provider",
            "ssl-provider-path", "ssl-server-verify", "ssl-skip-self-issued-ca", "strict-limits", "thread-group",
            "thread-groups", "uid", "ulimit-n", "unix-bind", "user", "wurfl-cache-size", "wurfl-data-file",
            "wurfl-information-list", "wurfl-information-list-separator", "wurfl-patch-file", "zero-warning");

    /** The {@code stats} keywords of the global section other than {@code stats socket}. */
    private static final Set<String> IGNORED_STATS = Set.of("timeout", "maxconn", "bind-process");

    private final GlobalSection global;
    private final ConfigVariables variables;
    private final ConfigProblems problems;

    GlobalSectionParser(GlobalSection global, ConfigVariables variables, ConfigProblems problems) {
        this.global = global;
        this.variables = variables;
        this.problems = problems;
    }

    void parse(ConfigLine line) {
        String keyword = line.word(0);
        switch (keyword) {
            case "maxconn" -> {
                if (Args.exactly(line, 1, 1, keyword, "an integer", problems)) {
                    try {
                        global.maxconn = Args.nonNegativeInt(line.word(1));
                    } catch (IllegalArgumentException e) {
                        problems.error(line, "maxconn: " + e.getMessage());
                    }
                }
            }
            case "node" -> {
                if (Args.exactly(line, 1, 1, keyword, "a name", problems)) {
                    if (line.word(1).isEmpty()) {
                        problems.error(line, "node: expected a non-empty name");
                    } else {
                        global.node = line.word(1);
                    }
                }
            }
            case "stats" -> stats(line);
            case "setenv", "presetenv" -> {
                if (Args.exactly(line, 1, 2, keyword, "a variable name and a value", problems)) {
                    if (keyword.equals("setenv")) {
                        variables.set(line.word(1), line.word(2));
                    } else {
                        variables.setIfAbsent(line.word(1), line.word(2));
                    }
                }
            }
            case "unsetenv" -> {
                if (line.size() < 2) {
                    problems.error(line, "'unsetenv' expects at least one variable name");
                }
                line.words().stream().skip(1).forEach(variables::unset);
            }
            case "resetenv" -> variables.retainOnly(Set.copyOf(line.words().subList(1, line.size())));
            default -> {
                if (IGNORED.contains(keyword) || keyword.startsWith("tune.")) {
                    problems.notImplemented(line, keyword);
                } else {
                    problems.error(line, "unknown keyword '" + keyword + "' in 'global' section");
                }
            }
        }
    }

    private void stats(ConfigLine line) {
        String sub = line.word(1);
        if (sub.equals("socket")) {
            StatsSocketConfig socket = StatsSocketParser.parse(line, problems);
            if (socket != null) {
                global.statsSockets.add(socket);
            }
        } else if (IGNORED_STATS.contains(sub)) {
            problems.notImplemented(line, "stats " + sub);
        } else {
            problems.error(line, "unknown keyword 'stats " + sub + "' in 'global' section");
        }
    }
}
