package io.hoptrace.proxy.internal.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one configuration line into words the way HAProxy does (configuration manual 2.1 "Configuration file
 * format", 2.2 "Quoting and escaping", 2.3 "Environment variables"; {@code parse_line()} in HAProxy's
 * {@code src/tools.c}):
 * <ul>
 *   <li>words are separated by unprotected spaces or tabs; an unprotected {@code #} starts a comment;</li>
 *   <li>outside single quotes, {@code \} escapes a space, {@code \}, {@code #}, {@code '} and {@code "}, and
 *       {@code \t \n \r \xNN} insert that byte; any other {@code \c} is kept as is (two characters);</li>
 *   <li>double quotes protect spaces, {@code #} and {@code '}, and expand {@code $NAME}, {@code ${NAME}},
 *       {@code ${NAME-default}} and {@code ${NAME[*]}} (one word per space-separated item);
 *       {@code \$} is a literal dollar there;</li>
 *   <li>single quotes protect everything; a quote opened and not closed is an error.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s that say what is wrong and at which column (1-based).
 */
public final class ConfigTokenizer {
    private ConfigTokenizer() {
    }

    public static List<String> split(String line, ConfigVariables variables) {
        return new Run(line, variables).run();
    }

    private static final class Run {
        private final String in;
        private final ConfigVariables vars;
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean started;
        private int pos;

        Run(String in, ConfigVariables vars) {
            this.in = in;
            this.vars = vars;
        }

        List<String> run() {
            boolean squote = false;
            boolean dquote = false;
            int quoteAt = -1;
            skipSpaces();
            while (pos < in.length()) {
                char c = in.charAt(pos);
                if (c == '\n' || c == '\r') {
                    break;
                } else if (c == '#' && !squote && !dquote) {
                    break;
                } else if (c == '"' && !squote) {
                    dquote = !dquote;
                    quoteAt = pos;
                    started = true;
                    pos++;
                } else if (c == '\'' && !dquote) {
                    squote = !squote;
                    quoteAt = pos;
                    started = true;
                    pos++;
                } else if (c == '\\' && !squote) {
                    escape(dquote);
                } else if ((c == ' ' || c == '\t') && !squote && !dquote) {
                    endWord();
                    skipSpaces();
                } else if (c == '$' && dquote) {
                    variable();
                } else {
                    emit(c);
                    pos++;
                }
            }
            if (squote || dquote) {
                throw new IllegalArgumentException("unmatched " + (squote ? "single" : "double")
                        + " quote opened at column " + (quoteAt + 1));
            }
            endWord();
            return words;
        }

        private void escape(boolean dquote) {
            char next = pos + 1 < in.length() ? in.charAt(pos + 1) : '\0';
            switch (next) {
                case ' ', '\\', '#', '\'', '"' -> {
                    emit(next);
                    pos += 2;
                }
                case 't' -> {
                    emit('\t');
                    pos += 2;
                }
                case 'n' -> {
                    emit('\n');
                    pos += 2;
                }
                case 'r' -> {
                    emit('\r');
                    pos += 2;
                }
                case '$' -> {
                    if (dquote) {
                        emit('$');
                        pos += 2;
                    } else {
                        emit('\\');
                        pos++;
                    }
                }
                case 'x' -> {
                    int hi = pos + 2 < in.length() ? Character.digit(in.charAt(pos + 2), 16) : -1;
                    int lo = pos + 3 < in.length() ? Character.digit(in.charAt(pos + 3), 16) : -1;
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("invalid escape '"
                                + in.substring(pos, Math.min(in.length(), pos + 4))
                                + "' at column " + (pos + 1) + ": expected two hex digits after \\x");
                    }
                    emit((char) (hi << 4 | lo));
                    pos += 4;
                }
                default -> {
                    emit('\\');
                    pos++;
                }
            }
        }

        private void variable() {
            int dollar = pos;
            pos++;
            boolean brace = pos < in.length() && in.charAt(pos) == '{';
            if (brace) {
                pos++;
            }
            int nameStart = pos;
            char first = pos < in.length() ? in.charAt(pos) : '\0';
            if (!Character.isLetter(first) && first != '_' && first != '.') {
                throw new IllegalArgumentException("invalid variable name after '$' at column " + (dollar + 1)
                        + ": expected a letter, '_' or '.', got " + (first == '\0' ? "the end of the line"
                        : "'" + first + "'") + " (write \\$ for a literal dollar)");
            }
            if (first == '.') {
                pos++;
            }
            while (pos < in.length() && (Character.isLetterOrDigit(in.charAt(pos)) || in.charAt(pos) == '_')) {
                pos++;
            }
            String name = in.substring(nameStart, pos);
            if (first == '.' && !ConfigVariables.isPseudo(name)) {
                throw new IllegalArgumentException("unknown pseudo-variable '" + name + "' at column "
                        + (nameStart + 1) + ": expected .FILE, .LINE or .SECTION");
            }
            String value = vars.get(name);
            boolean expandWords = false;
            if (brace) {
                if (in.startsWith("[*]", pos)) {
                    expandWords = true;
                    pos += 3;
                }
                if (pos < in.length() && in.charAt(pos) == '-') {
                    int close = in.indexOf('}', pos);
                    if (close < 0) {
                        throw unmatchedBrace(dollar);
                    }
                    if (value == null) {
                        value = in.substring(pos + 1, close);
                    }
                    pos = close;
                }
                if (pos >= in.length() || in.charAt(pos) != '}') {
                    throw unmatchedBrace(dollar);
                }
                pos++;
            }
            started = true;
            if (value == null) {
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (expandWords && (c == ' ' || c == '\t')) {
                    endWord();
                    started = true;
                    while (i + 1 < value.length() && (value.charAt(i + 1) == ' ' || value.charAt(i + 1) == '\t')) {
                        i++;
                    }
                } else {
                    emit(c);
                }
            }
        }

        private IllegalArgumentException unmatchedBrace(int dollar) {
            return new IllegalArgumentException("unmatched brace in the variable at column " + (dollar + 1));
        }

        private void emit(char c) {
            word.append(c);
            started = true;
        }

        private void endWord() {
            if (started) {
                words.add(word.toString());
                word.setLength(0);
                started = false;
            }
        }

        private void skipSpaces() {
            while (pos < in.length() && (in.charAt(pos) == ' ' || in.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }
}
