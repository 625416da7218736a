package io.hoptrace.proxy.internal.config;

import java.util.List;

/** One non-empty configuration statement: its words after unquoting, and where it is ({@code file:line}). */
public record ConfigLine(String file, int number, List<String> words) {
    public ConfigLine {
        words = List.copyOf(words);
    }

    public String location() {
        return file + ":" + number;
    }

    /** Word {@code i}, or "" past the end (HAProxy's parser does the same, so "missing" reads as empty). */
    public String word(int i) {
        return i < words.size() ? words.get(i) : "";
    }

    public int size() {
        return words.size();
    }
}
