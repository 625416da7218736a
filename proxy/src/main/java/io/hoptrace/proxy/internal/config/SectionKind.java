package io.hoptrace.proxy.internal.config;

/** The sections hoptrace reads (HAProxy configuration manual 3 "Global parameters" and 4 "Proxies"). */
public enum SectionKind {
    GLOBAL('-', false, false),
    DEFAULTS('D', false, false),
    FRONTEND('F', true, false),
    BACKEND('B', false, true),
    LISTEN('L', true, true);

    private final char column;
    private final boolean frontend;
    private final boolean backend;

    SectionKind(char column, boolean frontend, boolean backend) {
        this.column = column;
        this.frontend = frontend;
        this.backend = backend;
    }

    /** The section keyword, as written in the file and in messages ({@code 'frontend' section}). */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The column letter of the proxy keywords matrix (configuration manual 4.1). */
    char column() {
        return column;
    }

    public boolean hasFrontend() {
        return frontend;
    }

    public boolean hasBackend() {
        return backend;
    }

    /** The section a line starts, or null when {@code keyword} is not one hoptrace reads. */
    public static SectionKind of(String keyword) {
        return switch (keyword) {
            case "global" -> GLOBAL;
            case "defaults" -> DEFAULTS;
            case "frontend" -> FRONTEND;
            case "backend" -> BACKEND;
            case "listen" -> LISTEN;
            default -> null;
        };
    }
}
