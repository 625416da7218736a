package io.hoptrace.proxy;

/**
 * The I/O transport of the proxied connections. {@link #AUTO} takes the fastest one this machine offers: Linux
 * io_uring (kernel 5.14+, not blocked by a seccomp profile as Docker's default one does), else epoll, else the
 * JDK's NIO. Naming one makes starting fail when it is not available here instead of falling back silently.
 */
public enum TransportKind {
    AUTO, IO_URING, EPOLL, NIO
}
