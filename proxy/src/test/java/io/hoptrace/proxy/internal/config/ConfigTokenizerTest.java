package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTokenizerTest {
    private final ConfigVariables vars = new ConfigVariables(Map.of("HOST", "127.0.0.1", "LIST", "a  b c",
            "EMPTY", ""), "test.cfg");

    private List<String> split(String line) {
        return ConfigTokenizer.split(line, vars);
    }

    private String error(String line) {
        return assertThrows(IllegalArgumentException.class, () -> split(line)).getMessage();
    }

    @Test
    void splitsOnSpacesAndTabsIgnoringLeadingOnes() {
        assertEquals(List.of("timeout", "connect", "5s"), split(" \t timeout \t connect  5s \t"));
    }

    @Test
    void blankLineHasNoWords() {
        assertEquals(List.of(), split("   \t "));
    }

    @Test
    void stopsAtComment() {
        assertEquals(List.of("global"), split("global#the global section"));
    }

    @Test
    void escapedHashIsNotAComment() {
        assertEquals(List.of("a#b"), split("a\\#b"));
    }

    @Test
    void backslashSpaceJoinsWords() {
        assertEquals(List.of("unique-id-format", "%ci %cp"), split("unique-id-format %ci\\ %cp"));
    }

    @Test
    void doubleQuotesProtectSpacesHashAndSingleQuote() {
        assertEquals(List.of("log-format", "a b#c'd"), split("log-format \"a b#c'd\""));
    }

    @Test
    void singleQuotesProtectEverything() {
        assertEquals(List.of("x", "a \\n \"$HOST\" #"), split("x 'a \\n \"$HOST\" #'"));
    }

    @Test
    void quotedPartsJoinAdjacentText() {
        assertEquals(List.of("%{+Q}o %t %s %{-Q}r"), split("\"%{+Q}o %t\"' %s'\\ %{-Q}r"));
    }

    @Test
    void controlEscapes() {
        assertEquals(List.of("a\tb\nc\rd"), split("a\\tb\\nc\\rd"));
    }

    @Test
    void hexEscape() {
        assertEquals(List.of("a b", "A"), split("a\\x20b \\x41"));
    }

    @Test
    void rejectsIncompleteHexEscape() {
        assertEquals("invalid escape '\\x4z' at column 3: expected two hex digits after \\x", error("ab\\x4z"));
    }

    @Test
    void keepsBackslashBeforeOtherCharacters() {
        assertEquals(List.of("\\1", "\\$HOST"), split("\\1 \\$HOST"));
    }

    @Test
    void rejectsUnterminatedDoubleQuote() {
        assertEquals("unmatched double quote opened at column 6", error("bind \"127.0.0.1:80"));
    }

    @Test
    void rejectsUnterminatedSingleQuote() {
        assertEquals("unmatched single quote opened at column 3", error("a 'b c"));
    }

    @Test
    void expandsVariablesInsideDoubleQuotes() {
        assertEquals(List.of("bind", "127.0.0.1:80", "127.0.0.1"), split("bind \"$HOST:80\" \"${HOST}\""));
    }

    @Test
    void doesNotExpandVariablesOutsideDoubleQuotes() {
        assertEquals(List.of("$HOST", "$HOST"), split("$HOST '$HOST'"));
    }

    @Test
    void unsetVariableExpandsToNothing() {
        assertEquals(List.of("x", ":80"), split("x \"$NOPE:80\""));
    }

    @Test
    void defaultValueReplacesOnlyUnsetVariables() {
        assertEquals(List.of("10.0.0.1", "127.0.0.1", ""), split("\"${NOPE-10.0.0.1}\" \"${HOST-x}\" \"${EMPTY-x}\""));
    }

    @Test
    void bracketStarExpandsToSeveralWords() {
        assertEquals(List.of("x", "a", "b", "c"), split("x \"${LIST[*]}\""));
    }

    @Test
    void escapedDollarInsideDoubleQuotesIsLiteral() {
        assertEquals(List.of("$HOST"), split("\"\\$HOST\""));
    }

    @Test
    void rejectsInvalidVariableName() {
        assertEquals("invalid variable name after '$' at column 2: expected a letter, '_' or '.', got '1' "
                + "(write \\$ for a literal dollar)", error("\"$1\""));
    }

    @Test
    void rejectsUnmatchedBrace() {
        assertEquals("unmatched brace in the variable at column 2", error("\"${HOST\""));
    }

    @Test
    void pseudoVariablesNameFileLineAndSection() {
        vars.at(12);
        vars.section("web");
        assertEquals(List.of("test.cfg:12:web"), split("\"$.FILE:${.LINE}:$.SECTION\""));
    }

    @Test
    void rejectsUnknownPseudoVariable() {
        assertEquals("unknown pseudo-variable '.FOO' at column 3: expected .FILE, .LINE or .SECTION",
                error("\"$.FOO\""));
    }

    @Test
    void emptyQuotedWordIsAWord() {
        assertEquals(List.of("a", "", "b"), split("a \"\" b"));
    }

    @Test
    void stopsAtCarriageReturn() {
        assertEquals(List.of("global"), split("global\r"));
    }
}
