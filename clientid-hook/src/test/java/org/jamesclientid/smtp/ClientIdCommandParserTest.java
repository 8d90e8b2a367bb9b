package org.jamesclientid.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jamesclientid.core.ClientId;
import org.jamesclientid.smtp.ClientIdCommandParser.MalformedClientIdException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.base.Strings;

class ClientIdCommandParserTest {
    private static final String UUID = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";

    @Test
    @DisplayName("C1: parse should return type and token when the draft's UUID example is given")
    void parseShouldReturnTypeAndTokenWhenUuidExample() {
        assertThat(ClientIdCommandParser.parse("UUID " + UUID)).isEqualTo(ClientId.of("UUID", UUID));
    }

    @ParameterizedTest(name = "C1: type of length {0} is accepted")
    @ValueSource(ints = {1, 2, 15, 16})
    void parseShouldAcceptWhenTypeLengthWithinBounds(int length) {
        assertThat(ClientIdCommandParser.parse(Strings.repeat("A", length) + " t").getType()).hasSize(length);
    }

    @ParameterizedTest(name = "C1: token of length {0} is accepted")
    @ValueSource(ints = {1, 2, 127, 128})
    void parseShouldAcceptWhenTokenLengthWithinBounds(int length) {
        assertThat(ClientIdCommandParser.parse("T " + Strings.repeat("x", length)).getToken()).hasSize(length);
    }

    @Test
    @DisplayName("C1: every ALPHA, DIGIT and '-' is accepted in a type")
    void parseShouldAcceptWhenTypeUsesEveryAllowedCharacter() {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
        for (int i = 0; i < allowed.length(); i += 16) {
            String type = allowed.substring(i, Math.min(allowed.length(), i + 16));
            assertThat(ClientIdCommandParser.parse(type + " t").getType()).isEqualToIgnoringCase(type);
        }
    }

    @Test
    @DisplayName("C1: every VCHAR (0x21-0x7E) is accepted in a token")
    void parseShouldAcceptWhenTokenUsesEveryVisibleCharacter() {
        String allVisible = IntStream.rangeClosed(0x21, 0x7E)
            .mapToObj(c -> String.valueOf((char) c))
            .reduce("", String::concat);

        assertThat(ClientIdCommandParser.parse("KEY " + allVisible).getToken()).isEqualTo(allVisible);
    }

    @Test
    @DisplayName("C1: MAC example of the draft is well formed")
    void parseShouldAcceptWhenMacAddressToken() {
        assertThat(ClientIdCommandParser.parse("MAC 08:9e:01:70:f6:46").getToken()).isEqualTo("08:9e:01:70:f6:46");
    }

    static Stream<Arguments> malformedArguments() {
        return Stream.of(
            Arguments.of("null argument", null),
            Arguments.of("empty argument", ""),
            Arguments.of("type only (draft example 7.4)", "UUID"),
            Arguments.of("type and a trailing space", "UUID "),
            Arguments.of("empty type", " token"),
            Arguments.of("two spaces between type and token", "UUID  token"),
            Arguments.of("extra argument", "UUID token extra"),
            Arguments.of("trailing space after token", "UUID token "),
            Arguments.of("tab as separator", "UUID\ttoken"),
            Arguments.of("tab inside token", "UUID tok\ten"),
            Arguments.of("type of 17 characters", Strings.repeat("A", 17) + " token"),
            Arguments.of("token of 129 characters", "UUID " + Strings.repeat("x", 129)),
            Arguments.of("token of 1000 characters", "UUID " + Strings.repeat("x", 1000)),
            Arguments.of("underscore in type", "MY_TYPE token"),
            Arguments.of("dot in type", "MY.TYPE token"),
            Arguments.of("colon in type", "UUID: token"),
            Arguments.of("non-ASCII letter in type", "UUÏD token"),
            Arguments.of("NUL in token", "UUID tok\0en"),
            Arguments.of("DEL in token", "UUID tok\u007Fen"),
            Arguments.of("CR in token", "UUID tok\ren"),
            Arguments.of("LF in token", "UUID tok\nen"),
            Arguments.of("non-ASCII in token", "UUID tokén"),
            Arguments.of("UTF-8 replacement character in token", "UUID tok\uFFFDen"),
            Arguments.of("emoji in token", "UUID tok\uD83D\uDE00"));
    }

    @ParameterizedTest(name = "C4: {0} is malformed")
    @MethodSource("malformedArguments")
    void parseShouldThrowWhenMalformed(String description, String argument) {
        assertThatThrownBy(() -> ClientIdCommandParser.parse(argument))
            .isInstanceOf(MalformedClientIdException.class);
    }

    @Test
    @DisplayName("C4: every control character (0x00-0x20) is refused in a token")
    void parseShouldThrowWhenTokenHasAnyControlCharacterOrSpace() {
        IntStream.rangeClosed(0x00, 0x20).forEach(c ->
            assertThatThrownBy(() -> ClientIdCommandParser.parse("T a" + (char) c + "b"))
                .as("character 0x%02X", c)
                .isInstanceOf(MalformedClientIdException.class));
    }

    @Test
    @DisplayName("C4: every visible character other than ALPHA, DIGIT and '-' is refused in a type")
    void parseShouldThrowWhenTypeHasAnyOtherCharacter() {
        IntStream.rangeClosed(0x00, 0xFF)
            .filter(c -> !Character.isLetterOrDigit(c) || c > 0x7A)
            .filter(c -> c != '-' && c != ' ')
            .filter(c -> !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9'))
            .forEach(c -> assertThatThrownBy(() -> ClientIdCommandParser.parse("A" + (char) c + "B token"))
                .as("character 0x%02X", c)
                .isInstanceOf(MalformedClientIdException.class));
    }

    @Test
    void malformedMessageShouldNeverEchoTheTokenWhenTokenTooLong() {
        String secret = "S3CRET" + Strings.repeat("x", 200);

        assertThatThrownBy(() -> ClientIdCommandParser.parse("UUID " + secret))
            .hasMessageNotContaining("S3CRET");
    }
}
