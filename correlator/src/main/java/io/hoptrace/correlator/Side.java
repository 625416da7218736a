package io.hoptrace.correlator;

/** One end of a connection: its initiator ({@code CLIENT}) or its responder ({@code SERVER}); NONE when neither. */
public enum Side {
    CLIENT,
    SERVER,
    NONE;

    /** The other end (NONE stays NONE). */
    public Side opposite() {
        return this == CLIENT ? SERVER : this == SERVER ? CLIENT : NONE;
    }
}
