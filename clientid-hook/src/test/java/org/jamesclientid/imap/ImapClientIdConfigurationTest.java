package org.jamesclientid.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class ImapClientIdConfigurationTest {
    private static XMLConfiguration imapServers(String... customProperties) throws ConfigurationException {
        StringBuilder xml = new StringBuilder("<imapservers>");
        for (String properties : customProperties) {
            xml.append("<imapserver enabled=\"true\">").append(properties).append("</imapserver>");
        }
        xml.append("<imapserver enabled=\"false\"><customProperties>clientid.enabled=maybe</customProperties></imapserver>");
        xml.append("</imapservers>");
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(xml.toString()));
        return configuration;
    }

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(ImapClientIdConfiguration.class).verify();
    }

    @Test
    void ofEveryServerShouldDefaultToEnabledWhenNoServerSetsIt() throws Exception {
        assertThat(ImapClientIdConfiguration.ofEveryServer(imapServers("", "<customProperties>other=1</customProperties>")))
            .isEqualTo(ImapClientIdConfiguration.DEFAULT);
    }

    @Test
    void ofEveryServerShouldReturnTheSharedValueWhenServersAgree() throws Exception {
        assertThat(ImapClientIdConfiguration.ofEveryServer(imapServers(
                "<customProperties>clientid.enabled=false</customProperties>",
                "<customProperties>clientid.enabled=FALSE</customProperties>")).isEnabled())
            .isFalse();
    }

    @Test
    void ofEveryServerShouldThrowWhenServersDisagree() {
        assertThatThrownBy(() -> ImapClientIdConfiguration.ofEveryServer(imapServers(
                "<customProperties>clientid.enabled=false</customProperties>", "")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("same clientid.enabled");
    }

    @Test
    void ofEveryServerShouldThrowWhenValueIsNeitherTrueNorFalse() {
        assertThatThrownBy(() -> ImapClientIdConfiguration.ofEveryServer(imapServers(
                "<customProperties>clientid.enabled=yes</customProperties>")))
            .isInstanceOf(ConfigurationException.class);
    }
}
