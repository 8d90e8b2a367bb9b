package org.jamesclientid.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/**
 * Writes {@link UnavailableResponse} as James' StatusResponseEncoder writes a tagged NO with a response code.
 */
public class UnavailableResponseEncoder implements ImapResponseEncoder<UnavailableResponse> {
    private static final byte[] NO = "NO".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Class<UnavailableResponse> acceptableMessages() {
        return UnavailableResponse.class;
    }

    @Override
    public void encode(UnavailableResponse response, ImapResponseComposer composer) throws IOException {
        composer.tag(response.getTag());
        composer.message(NO);
        composer.openSquareBracket();
        composer.message(UnavailableResponse.CODE);
        composer.closeSquareBracket();
        composer.commandName(response.getCommand());
        composer.message(UnavailableResponse.TEXT);
        composer.end();
    }
}
