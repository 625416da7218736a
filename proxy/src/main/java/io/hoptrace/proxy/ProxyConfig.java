package io.hoptrace.proxy;

import io.hoptrace.proxy.internal.config.ConfigParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One proxy's configuration, read from a file in the HAProxy subset documented in {@code docs/proxy-config.md}.
 * {@code name} is the {@code node} of the {@code global} section, else the file's base name; it is what
 * {@code show info} reports as {@code Name}. {@code warnings} are the keywords HAProxy knows that hoptrace ignores,
 * and what HAProxy itself would warn about (missing timeouts, a keyword in a section that cannot use it), each
 * with its {@code file:line}.
 */
public record ProxyConfig(String name, String file, GlobalConfig global, List<FrontendConfig> frontends,
                          List<BackendConfig> backends, List<String> warnings) {
    public ProxyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(global, "global");
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads a configuration file in the HAProxy subset of {@code docs/proxy-config.md}; variables in double
     * quotes expand from the process environment.
     *
     * @throws ConfigException with every error found, each {@code file:line: message}, when the file cannot be
     *     read or is not a valid configuration; warnings of a valid file are in {@link #warnings()}
     */
    public static ProxyConfig load(Path file) {
        return ConfigParser.parse(file, System.getenv());
    }

    /** As {@link #load(Path)}, expanding variables from {@code environment} instead of the process's. */
    public static ProxyConfig load(Path file, Map<String, String> environment) {
        return ConfigParser.parse(file, environment);
    }

    public Optional<BackendConfig> backend(String backendName) {
        return backends.stream().filter(b -> b.name().equals(backendName)).findFirst();
    }
}
