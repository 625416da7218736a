package io.hoptrace.proxy;

/** Stats socket access levels, as HAProxy's {@code level} bind option (management guide, section 9.3). */
public enum StatsLevel {
    USER, OPERATOR, ADMIN;

    public boolean allows(StatsLevel needed) {
        return compareTo(needed) >= 0;
    }
}
