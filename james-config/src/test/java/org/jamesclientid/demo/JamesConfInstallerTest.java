package org.jamesclientid.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conf edits that turn JMAP on, on the shipped files: the demo and the stock-James it-test serve JMAP from them,
 * as docs/install.md tells operators (enabled=true, the JMAPFiltering line, the extension's Basic strategy).
 */
class JamesConfInstallerTest {
    private static final String JMAP_FILTERING = "<mailet match=\"RecipientIsLocal\" class=\"org.apache.james.jmap.mailet.filter.JMAPFiltering\"/>";
    private static final String TO_LOCAL_DELIVERY = "<mailet match=\"RecipientIsLocal\" class=\"ToProcessor\">";

    @TempDir
    Path workingDirectory;

    private static String shipped(String file) throws Exception {
        return Files.readString(JamesConfInstaller.defaultConfSource().resolve(file), StandardCharsets.UTF_8);
    }

    private static long lines(String content, String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE).matcher(content).results().count();
    }

    @Test
    void shippedJmapShouldStayOffWhenNothingTurnsItOn() throws Exception {
        assertThat(lines(shipped("jmap.properties"), "^enabled=false$")).isEqualTo(1);
        assertThat(shipped("mailetcontainer.xml")).doesNotContain("JMAPFiltering");
    }

    @Test
    void enableJmapShouldTurnJmapOnAtThePortWhenShippedProperties() throws Exception {
        String jmap = JamesConfInstaller.enableJmap(shipped("jmap.properties"), 1080);

        assertThat(lines(jmap, "^enabled=true$")).isEqualTo(1);
        assertThat(lines(jmap, "^enabled=")).isEqualTo(1);
        assertThat(lines(jmap, "^jmap\\.port=1080$")).isEqualTo(1);
        assertThat(lines(jmap, "^authentication\\.strategy\\.rfc8621=JWTAuthenticationStrategy,"
            + "org\\.jamesclientid\\.jmap\\.ClientIdBasicAuthenticationStrategy$")).isEqualTo(1);
    }

    @Test
    void enableJmapShouldReplaceAPortWhenOneIsSet() {
        String jmap = JamesConfInstaller.enableJmap("enabled=false\njmap.port=80\n"
            + "authentication.strategy.rfc8621=JWTAuthenticationStrategy,org.jamesclientid.jmap.ClientIdBasicAuthenticationStrategy\n", 1080);

        assertThat(lines(jmap, "^jmap\\.port=")).isEqualTo(1);
        assertThat(lines(jmap, "^jmap\\.port=1080$")).isEqualTo(1);
    }

    @Test
    void enableJmapShouldRefuseWhenJamesOwnBasicStrategyIsConfigured() {
        // JMAP served with James' own Basic strategy would let a password alone in where CLIENTID is required.
        assertThatThrownBy(() -> JamesConfInstaller.enableJmap("enabled=false\n"
            + "authentication.strategy.rfc8621=JWTAuthenticationStrategy,BasicAuthenticationStrategy\n", 1080))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ClientIdBasicAuthenticationStrategy");
    }

    @Test
    void enableJmapShouldRefuseWhenNoStrategyIsConfigured() {
        // Without the line, James 3.8.1 defaults to its own Basic strategy.
        assertThatThrownBy(() -> JamesConfInstaller.enableJmap("enabled=false\n", 1080))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addJmapFilteringShouldPutTheMailetJustBeforeLocalDeliveryWhenShippedContainer() throws Exception {
        String xml = JamesConfInstaller.addJmapFiltering(shipped("mailetcontainer.xml"));

        assertThat(xml.split(Pattern.quote(JMAP_FILTERING), -1)).hasSize(2);
        assertThat(xml).containsPattern(Pattern.quote(JMAP_FILTERING) + "\\s*" + Pattern.quote(TO_LOCAL_DELIVERY));
        String transport = xml.substring(xml.indexOf("<processor state=\"transport\""), xml.indexOf("<processor state=\"local-delivery\""));
        assertThat(transport).contains(JMAP_FILTERING);
    }

    @Test
    void addJmapFilteringShouldRefuseWhenNoLocalDeliveryMailet() {
        assertThatThrownBy(() -> JamesConfInstaller.addJmapFiltering("<mailetcontainer/>"))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void installShouldLeaveJmapOffWhenListenersDoNotTurnItOn() throws Exception {
        Path conf = JamesConfInstaller.install(JamesConfInstaller.defaultConfSource(), workingDirectory,
            JamesConfInstaller.Listeners.loopbackEphemeral());

        assertThat(Files.readString(conf.resolve("jmap.properties"))).isEqualTo(shipped("jmap.properties"));
        assertThat(Files.readString(conf.resolve("mailetcontainer.xml"))).isEqualTo(shipped("mailetcontainer.xml"));
    }

    @Test
    void installShouldTurnJmapOnWhenListenersSayAPort() throws Exception {
        Path conf = JamesConfInstaller.install(JamesConfInstaller.defaultConfSource(), workingDirectory,
            JamesConfInstaller.Listeners.loopbackEphemeral().withJmap(1080));

        assertThat(lines(Files.readString(conf.resolve("jmap.properties")), "^enabled=true$")).isEqualTo(1);
        assertThat(Files.readString(conf.resolve("mailetcontainer.xml"))).contains(JMAP_FILTERING);
    }
}
