package io.hoptrace.proxy.internal.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables a configuration line can expand inside double quotes (HAProxy configuration manual 2.3,
 * "Environment variables"): the process environment as modified by the {@code setenv}, {@code presetenv},
 * {@code unsetenv} and {@code resetenv} global keywords, plus the pseudo-variables {@code .FILE}, {@code .LINE}
 * and {@code .SECTION}. The real process environment is never modified.
 */
public final class ConfigVariables {
    private final Map<String, String> env;
    private final String file;
    private int line;
    private String section = "";

    public ConfigVariables(Map<String, String> environment, String file) {
        this.env = new HashMap<>(environment);
        this.file = file;
    }

    /** The value of {@code name}, or null when it is not set (it then expands to nothing, as in HAProxy). */
    public String get(String name) {
        return switch (name) {
            case ".FILE" -> file;
            case ".LINE" -> Integer.toString(line);
            case ".SECTION" -> section;
            default -> env.get(name);
        };
    }

    /** Whether {@code name} is one of the pseudo-variables HAProxy resolves itself. */
    public static boolean isPseudo(String name) {
        return name.equals(".FILE") || name.equals(".LINE") || name.equals(".SECTION");
    }

    void at(int lineNumber) {
        this.line = lineNumber;
    }

    void section(String name) {
        this.section = name;
    }

    void set(String name, String value) {
        env.put(name, value);
    }

    void setIfAbsent(String name, String value) {
        env.putIfAbsent(name, value);
    }

    void unset(String name) {
        env.remove(name);
    }

    void retainOnly(Set<String> names) {
        env.keySet().retainAll(names);
    }
}
