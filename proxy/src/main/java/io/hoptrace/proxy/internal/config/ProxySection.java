package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.BindConfig;
import io.hoptrace.proxy.ServerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One {@code defaults}, {@code frontend}, {@code backend} or {@code listen} section being read. */
final class ProxySection {
    final SectionKind kind;
    /** The section name; null for an unnamed {@code defaults}. */
    final String name;
    /** {@code file:line} of the section keyword. */
    final String location;
    final ProxySettings settings;
    final List<BindConfig> binds = new ArrayList<>();
    final List<ServerConfig> servers = new ArrayList<>();
    final Map<String, String> serverLocations = new HashMap<>();

    ProxySection(SectionKind kind, String name, String location, ProxySettings settings) {
        this.kind = kind;
        this.name = name;
        this.location = location;
        this.settings = settings;
    }

    /** How messages name it: {@code frontend 'web'}. */
    String describe() {
        return name == null ? kind.keyword() + " section" : kind.keyword() + " '" + name + "'";
    }
}
