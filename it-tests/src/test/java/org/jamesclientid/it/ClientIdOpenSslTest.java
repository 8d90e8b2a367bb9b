package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The draft's UUID transcript typed through {@code openssl s_client -starttls smtp}, as an operator would by hand.
 */
class ClientIdOpenSslTest {
    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.memoryServer();

    private static List<String> openssl(int port, String... lines) throws Exception {
        Process process = new ProcessBuilder("openssl", "s_client", "-quiet", "-ign_eof", "-crlf",
            "-starttls", "smtp", "-connect", "127.0.0.1:" + port)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl ended").isTrue();
        return Arrays.stream(output.split("\r?\n")).collect(Collectors.toList());
    }

    @Test
    @DisplayName("X1: the draft's UUID transcript through openssl s_client -starttls smtp")
    void uuidTranscriptShouldSucceedWhenTypedThroughOpenSsl(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        String plain = Base64.getEncoder().encodeToString(
            ("\0" + ClientIdJamesServers.ALICE + "\0" + ClientIdJamesServers.ALICE_PASSWORD).getBytes(StandardCharsets.UTF_8));

        List<String> replies = openssl(ClientIdJamesServers.submissionPort(server),
            "EHLO client.example",
            "CLIENTID UUID 23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3",
            "AUTH PLAIN " + plain,
            "MAIL FROM:<" + ClientIdJamesServers.ALICE + ">",
            "RCPT TO:<" + ClientIdJamesServers.BOB + ">",
            "DATA",
            "Subject: openssl",
            "",
            "Hello.",
            ".",
            "QUIT");

        assertThat(replies).contains("250-CLIENTID", "250 2.0.0 OK", "235 Authentication Successful");
        assertThat(replies).noneMatch(line -> line.contains("PIPELINING"));
        assertThat(replies).anyMatch(line -> line.startsWith("250 2.6.0"));
        assertThat(replies).anyMatch(line -> line.startsWith("221"));
    }
}
