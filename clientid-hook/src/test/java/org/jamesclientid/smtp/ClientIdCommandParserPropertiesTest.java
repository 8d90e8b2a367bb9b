package org.jamesclientid.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jamesclientid.core.ClientId;
import org.jamesclientid.smtp.ClientIdCommandParser.MalformedClientIdException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input for the CLIENTID parser: the draft's grammar decides, for any string whatsoever.
 */
class ClientIdCommandParserPropertiesTest {
    private static final String TYPE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.strings().withChars(TYPE_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(16);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange((char) 0x21, (char) 0x7E).ofMinLength(1).ofMaxLength(128);
    }

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(300),
            Arbitraries.strings().withCharRange((char) 0x00, (char) 0xFF).ofMaxLength(300),
            Arbitraries.strings().withChars(" \t\r\n\0AZaz09-:.".toCharArray()).ofMaxLength(300));
    }

    @Property
    @Label("C1: every type and token of the grammar is accepted, kept (type upper-cased) and round-trips")
    void parseShouldAcceptEveryWellFormedArgument(@ForAll("types") String type, @ForAll("tokens") String token) {
        ClientId clientId = ClientIdCommandParser.parse(type + " " + token);

        assertThat(clientId.getType()).isEqualToIgnoringCase(type).isUpperCase();
        assertThat(clientId.getToken()).isEqualTo(token);
    }

    @Property(tries = 3000)
    @Label("C1/C4: any string is either well formed by the grammar and accepted, or refused with MalformedClientIdException")
    void parseShouldAgreeWithTheGrammarForAnyString(@ForAll("anything") String argument) {
        if (matchesGrammar(argument)) {
            assertThat(ClientIdCommandParser.parse(argument).getToken()).isEqualTo(argument.substring(argument.indexOf(' ') + 1));
        } else {
            assertThatThrownBy(() -> ClientIdCommandParser.parse(argument)).isInstanceOf(MalformedClientIdException.class);
        }
    }

    @Property
    @Label("C4: a refusal never repeats the token")
    void malformedMessageShouldNeverContainTheToken(@ForAll("types") String type, @ForAll("tokens") String token) {
        String tooLong = token + "X".repeat(129);
        assertThatThrownBy(() -> ClientIdCommandParser.parse(type + " " + tooLong))
            .isInstanceOf(MalformedClientIdException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tooLong));
    }

    // An independent reading of the ABNF: type SP token, type = 1*16 (ALPHA / DIGIT / "-"), token = 1*128 VCHAR.
    private static boolean matchesGrammar(String argument) {
        return argument.matches("[A-Za-z0-9-]{1,16} [\\x21-\\x7E]{1,128}");
    }
}
