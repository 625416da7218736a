package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.BindConfig;
import io.hoptrace.proxy.FrontendConfig;
import io.hoptrace.proxy.GlobalConfig;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.StatsSocketConfig;
import io.hoptrace.proxy.Timeouts;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Checks what only the whole file can tell and builds the records: proxy names are unique per capability
 * (a frontend and a backend may share a name, as in HAProxy), every frontend has a {@code default_backend}
 * that names a backend or listen section (hoptrace has no {@code use_backend}), a {@code listen} section
 * forwards to its own servers unless it names another backend, no two listeners share an address.
 * Frontends keep only the {@code client} timeout and backends only {@code connect} and {@code server}: those
 * are the ones HAProxy uses from each side.
 */
final class ConfigAssembler {
    private final String file;
    private final ConfigProblems problems;

    ConfigAssembler(String file, ConfigProblems problems) {
        this.file = file;
        this.problems = problems;
    }

    ProxyConfig assemble(GlobalSection global, List<ProxySection> proxies) {
        Map<String, ProxySection> frontends = unique(proxies, true);
        Map<String, ProxySection> backends = unique(proxies, false);
        List<FrontendConfig> frontendConfigs = new ArrayList<>();
        List<BackendConfig> backendConfigs = new ArrayList<>();
        for (ProxySection p : proxies) {
            warnAboutTimeouts(p);
            if (p.kind.hasFrontend() && frontends.get(p.name) == p) {
                String target = defaultBackend(p, frontends, backends);
                if (p.binds.isEmpty()) {
                    problems.warning(p.location, p.describe() + " has no 'bind' directive: it accepts no "
                            + "connections");
                }
                frontendConfigs.add(new FrontendConfig(p.name, p.binds, p.settings.maxconn, target,
                        new Timeouts(null, p.settings.client, null), p.settings.uniqueIdFormat, p.location));
            }
            if (p.kind.hasBackend() && backends.get(p.name) == p) {
                ProxySettings s = p.settings;
                backendConfigs.add(new BackendConfig(p.name, s.balance, p.servers,
                        new Timeouts(s.connect, null, s.server), s.retries, s.redispatch, p.location));
            }
        }
        if (frontendConfigs.isEmpty()) {
            problems.warning(file, "no frontend or listen section: this proxy accepts no connections");
        }
        checkListenerAddresses(global.statsSockets, frontendConfigs);
        String name = global.node != null ? global.node : baseName(file);
        return new ProxyConfig(name, file, new GlobalConfig(global.maxconn, global.statsSockets), frontendConfigs,
                backendConfigs, problems.warnings());
    }

    /** The sections with a frontend (or backend) capability by name; a second one of a name is an error. */
    private Map<String, ProxySection> unique(List<ProxySection> proxies, boolean frontend) {
        Map<String, ProxySection> byName = new LinkedHashMap<>();
        for (ProxySection p : proxies) {
            if (frontend ? !p.kind.hasFrontend() : !p.kind.hasBackend()) {
                continue;
            }
            ProxySection first = byName.putIfAbsent(p.name, p);
            if (first != null) {
                problems.error(p.location, p.describe() + " has the same name as " + first.describe()
                        + " declared at " + first.location);
            }
        }
        return byName;
    }

    private String defaultBackend(ProxySection p, Map<String, ProxySection> frontends,
                                  Map<String, ProxySection> backends) {
        String target = p.settings.defaultBackend;
        if (target == null) {
            if (p.kind == SectionKind.LISTEN) {
                return p.name;
            }
            problems.error(p.location, p.describe() + " has no default_backend: hoptrace has no use_backend "
                    + "rules, so every frontend needs one");
            return null;
        }
        if (!backends.containsKey(target)) {
            String hint = frontends.containsKey(target) ? " ('" + target + "' is a frontend, not a backend)" : "";
            problems.error(p.settings.defaultBackendLocation, "default_backend '" + target + "' of "
                    + p.describe() + " not found: expected the name of a backend or listen section" + hint);
        }
        return target;
    }

    private void warnAboutTimeouts(ProxySection p) {
        // HAProxy warns about the same: an unset timeout never expires.
        StringJoiner missing = new StringJoiner("', '", "'", "'");
        missing.setEmptyValue("");
        if (p.kind.hasFrontend() && p.settings.client == null) {
            missing.add("timeout client");
        }
        if (p.kind.hasBackend() && p.settings.connect == null) {
            missing.add("timeout connect");
        }
        if (p.kind.hasBackend() && p.settings.server == null) {
            missing.add("timeout server");
        }
        if (missing.length() > 0) {
            problems.warning(p.location, "missing timeouts for " + p.describe() + ": " + missing
                    + " not set, so connections may wait forever");
        }
    }

    private void checkListenerAddresses(List<StatsSocketConfig> sockets, List<FrontendConfig> frontends) {
        Map<Object, String> seen = new HashMap<>();
        for (StatsSocketConfig s : sockets) {
            Object key = s.unixPath() != null ? s.unixPath().toAbsolutePath().normalize() : s.tcpAddress();
            if (s.tcpAddress() != null && s.tcpAddress().getPort() == 0) {
                continue;
            }
            String first = seen.putIfAbsent(key, s.location());
            if (first != null) {
                problems.error(s.location(), "stats socket " + s.describe() + " is already declared at " + first);
            }
        }
        for (FrontendConfig f : frontends) {
            for (BindConfig b : f.binds()) {
                InetSocketAddress a = b.address();
                if (a.getPort() == 0) {
                    continue;
                }
                String first = seen.putIfAbsent(a, b.location());
                if (first != null) {
                    problems.error(b.location(), "bind " + a.getAddress().getHostAddress() + ":" + a.getPort()
                            + " is already used at " + first);
                }
            }
        }
    }

    static String baseName(String file) {
        Path fileName = Path.of(file).getFileName();
        String base = fileName == null ? file : fileName.toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
