package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class AlertChannelTest {
    private static PropertiesConfiguration properties(String channels) {
        PropertiesConfiguration configuration = new PropertiesConfiguration();
        configuration.setListDelimiterHandler(new DefaultListDelimiterHandler(','));
        configuration.addProperty(AlertChannel.KEY, channels);
        return configuration;
    }

    @Test
    void fromShouldReturnLogAndMailWhenKeyAbsent() throws Exception {
        assertThat(AlertChannel.from(new PropertiesConfiguration())).containsOnly(AlertChannel.LOG, AlertChannel.MAIL);
    }

    @Test
    void fromShouldReturnOnlyListedChannelsWhenSet() throws Exception {
        assertThat(AlertChannel.from(properties("log"))).containsOnly(AlertChannel.LOG);
        assertThat(AlertChannel.from(properties(" MAIL , log "))).containsOnly(AlertChannel.LOG, AlertChannel.MAIL);
    }

    @Test
    void fromShouldReturnNoChannelWhenEmpty() throws Exception {
        assertThat(AlertChannel.from(properties(""))).isEmpty();
    }

    @Test
    void fromShouldNameKeyAndValueWhenUnknownChannel() {
        assertThatThrownBy(() -> AlertChannel.from(properties("log,sms")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(AlertChannel.KEY)
            .hasMessageContaining("sms");
    }
}
