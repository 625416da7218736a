package io.hoptrace.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One proxy's configuration, read from a file in the HAProxy subset documented in {@code docs/proxy-config.md}.
 * {@code name} is the {@code node} of the {@code global} section, else the file's base name; it is what
 * {@code show info} reports as {@code Name}. {@code warnings} are the keywords HAProxy knows that hoptrace ignores,
 * each with its {@code file:line}.
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

    public Optional<BackendConfig> backend(String backendName) {
        return backends.stream().filter(b -> b.name().equals(backendName)).findFirst();
    }
}
