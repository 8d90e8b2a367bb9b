package org.jamesclientid.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.decode.ImapRequestStreamLineReader;
import org.apache.james.imap.encode.FakeImapSession;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.jamesclientid.core.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientIdImapCommandParserTest {
    private static final String UUID = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";
    private static final Tag TAG = new Tag("a1");

    private final ClientIdImapCommandParser parser = new ClientIdImapCommandParser(new UnpooledStatusResponseFactory());

    /**
     * What James' decoder hands the parser: the line after {@code tag CLIENTID }.
     */
    private ClientIdRequest parse(String arguments) {
        ImapRequestStreamLineReader reader = new ImapRequestStreamLineReader(
            new ByteArrayInputStream((arguments + "\r\n").getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());
        return (ClientIdRequest) parser.parse(reader, TAG, new FakeImapSession());
    }

    @Test
    void parseShouldReadTypeAndTokenWhenAtoms() {
        ClientIdRequest request = parse("UUID " + UUID);

        assertThat(request.getClientId()).contains(ClientId.of("UUID", UUID));
        assertThat(request.getMalformation()).isEmpty();
        assertThat(request.getTag()).isEqualTo(TAG);
    }

    @Test
    void parseShouldReadQuotedStringsWhenQuoted() {
        assertThat(parse("\"UUID\" \"" + UUID + "\"").getClientId()).contains(ClientId.of("UUID", UUID));
    }

    @Test
    void parseShouldReadLiteralWhenTokenSentAsLiteral() {
        assertThat(parse("UUID {36}\r\n" + UUID).getClientId()).contains(ClientId.of("UUID", UUID));
    }

    @Test
    void parseShouldKeepTokenCaseAndUpperCaseTypeWhenMixedCase() {
        assertThat(parse("uuid AbC").getClientId()).contains(ClientId.of("UUID", "AbC"));
    }

    @Test
    void parseShouldAcceptLongestTypeAndTokenWhenAtTheLimits() {
        assertThat(parse("A".repeat(16) + " " + "t".repeat(128)).getClientId()).isPresent();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("", ClientIdImapCommandParser.MISSING_ARGUMENTS),
            Arguments.of("UUID", ClientIdImapCommandParser.MISSING_TOKEN),
            Arguments.of("UUID " + UUID + " extra", ClientIdImapCommandParser.TOO_MANY_ARGUMENTS),
            Arguments.of("A".repeat(17) + " " + UUID, ClientIdImapCommandParser.BAD_TYPE),
            Arguments.of("UU_ID " + UUID, ClientIdImapCommandParser.BAD_TYPE),
            Arguments.of("\"\" " + UUID, ClientIdImapCommandParser.BAD_TYPE),
            Arguments.of("UUID \"\"", ClientIdImapCommandParser.BAD_TOKEN),
            Arguments.of("UUID \"two words\"", ClientIdImapCommandParser.BAD_TOKEN),
            Arguments.of("UUID " + "t".repeat(129), ClientIdImapCommandParser.BAD_TOKEN),
            Arguments.of("UUID \"caf\u00e9\"", ClientIdImapCommandParser.BAD_TOKEN),
            Arguments.of("UUID \"unterminated", ClientIdImapCommandParser.BAD_TOKEN),
            Arguments.of("UUID   ", ClientIdImapCommandParser.MISSING_TOKEN));
    }

    @ParameterizedTest(name = "I8 {0}")
    @MethodSource("malformed")
    void parseShouldNameTheBrokenRuleWhenMalformed(String arguments, String reason) {
        ClientIdRequest request = parse(arguments);

        assertThat(request.getClientId()).isEmpty();
        assertThat(request.getMalformation()).contains(reason);
    }

    @Test
    void toStringShouldNeverShowTheTokenWhenPrinted() {
        assertThat(parse("UUID " + UUID).toString()).doesNotContain(UUID);
    }
}
