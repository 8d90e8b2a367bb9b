package org.jamesclientid.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void quotedShouldKeepPrintableAsciiAsItIs() {
        assertThat(LogText.quoted("alice@example.com")).isEqualTo("\"alice@example.com\"");
    }

    @Test
    void quotedShouldEscapeQuotesAndBackslashesWhenTheValueHasThem() {
        assertThat(LogText.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void quotedShouldEscapeLineBreaksAndControlCharactersWhenTheValueHasThem() {
        assertThat(LogText.quoted("a\r\nb\tc\u0000d\u007f")).isEqualTo("\"a\\u000D\\u000Ab\\u0009c\\u0000d\\u007F\"");
    }

    @Test
    void quotedShouldEscapeNonAsciiWhenTheValueHasIt() {
        assertThat(LogText.quoted("é\u2028")).isEqualTo("\"\\u00E9\\u2028\"");
    }

    @Test
    void quotedShouldNeverLetAValueEndItsFieldEarly() {
        String forged = LogText.quoted("x\" ip=203.0.113.9 \"");

        // The only unescaped quotes are the first and the last character.
        assertThat(forged.substring(1, forged.length() - 1).replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
    }

    @Test
    void escapedShouldEscapeWithoutQuoting() {
        assertThat(LogText.escaped("x\ny")).isEqualTo("x\\u000Ay");
    }
}
