package io.hoptrace.proxy;

/** {@code balance roundrobin|leastconn|source} (HAProxy configuration manual, section 4.2 "balance"). */
public enum Balance { ROUNDROBIN, LEASTCONN, SOURCE }
