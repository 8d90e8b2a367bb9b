package org.jamesclientid.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class ReplyAddressTest {
    private static final ReplyCode CODE = ReplyCode.parse("0f3c5e7a9b1d2f4e6a8c0e2b4d6f8a1c").orElseThrow();

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(ReplyAddress.class).verify();
        EqualsVerifier.forClass(ReplyCode.class).verify();
        EqualsVerifier.forClass(ReplyGrant.class).verify();
        EqualsVerifier.forClass(ReplyAddresses.class).verify();
    }

    @Test
    void asStringShouldNameTheActionAndCodeAtTheDomain() {
        assertThat(ReplyAddress.of(ReplyAction.REVOKE, CODE, Domain.of("example.com")).asString())
            .isEqualTo("clientid-revoke-0f3c5e7a9b1d2f4e6a8c0e2b4d6f8a1c@example.com");
    }

    @Test
    void parseShouldReadBackWhenWrittenByAsString() throws Exception {
        ReplyAddress address = ReplyAddress.of(ReplyAction.APPROVE, CODE, Domain.of("example.com"));

        assertThat(ReplyAddress.parse(new MailAddress(address.asString()))).contains(address);
    }

    @Test
    void parseShouldIgnoreCaseWhenAClientUpperCasedTheAddress() throws Exception {
        assertThat(ReplyAddress.parse(new MailAddress("CLIENTID-APPROVE-0F3C5E7A9B1D2F4E6A8C0E2B4D6F8A1C@Example.com")))
            .map(ReplyAddress::getCode)
            .contains(CODE);
    }

    @Test
    void parseShouldReturnEmptyWhenNotAReplyAddress() throws Exception {
        assertThat(ReplyAddress.parse(new MailAddress("alice@example.com"))).isEmpty();
        assertThat(ReplyAddress.parse(new MailAddress("clientid-approve@example.com"))).isEmpty();
        assertThat(ReplyAddress.parse(new MailAddress("clientid-delete-0f3c5e7a9b1d2f4e6a8c0e2b4d6f8a1c@example.com"))).isEmpty();
        assertThat(ReplyAddress.parse(new MailAddress("clientid-approve-0f3c5e7a9b1d2f4e6a8c0e2b4d6f8a1@example.com"))).isEmpty();
        assertThat(ReplyAddress.parse(new MailAddress("clientid-approve-0f3c5e7a9b1d2f4e6a8c0e2b4d6f8a1cz@example.com"))).isEmpty();
        assertThat(ReplyAddress.parse(new MailAddress("clientid-approve-0f3c5e7a9b1d2f4e6a8c0e2b4d6f8a1g@example.com"))).isEmpty();
    }

    @Test
    void generateShouldGiveA128BitCodeWhenCalled() {
        ReplyCode code = ReplyCode.generate(new SecureRandom());

        assertThat(code.asString()).matches("[0-9a-f]{32}");
        assertThat(code).isNotEqualTo(ReplyCode.generate(new SecureRandom()));
    }

    @Test
    void hashShouldNotContainTheCode() {
        assertThat(CODE.hash()).hasSize(64).doesNotContain(CODE.asString());
    }

    @Test
    void toStringShouldHideTheCode() {
        assertThat(CODE.toString()).doesNotContain(CODE.asString());
        assertThat(ReplyAddress.of(ReplyAction.APPROVE, CODE, Domain.of("example.com")).toString()).doesNotContain(CODE.asString());
    }
}
