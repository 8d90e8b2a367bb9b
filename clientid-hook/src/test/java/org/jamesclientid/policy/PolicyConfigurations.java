package org.jamesclientid.policy;

import java.io.StringReader;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * {@code clientid.properties} contents as James reads them (',' splits values into lists).
 */
public final class PolicyConfigurations {
    public static final String SECRET = "0123456789abcdef0123456789abcdef-test-only";

    public static PropertiesConfiguration properties(String... lines) {
        PropertiesConfiguration configuration = new PropertiesConfiguration();
        configuration.setListDelimiterHandler(new DefaultListDelimiterHandler(','));
        try {
            new FileHandler(configuration).load(new StringReader(String.join("\n", lines)));
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException(e);
        }
        return configuration;
    }

    /**
     * A valid configuration: the test secret plus {@code lines}.
     */
    public static ClientIdPolicyConfiguration policy(String... lines) {
        PropertiesConfiguration configuration = properties(lines);
        if (!configuration.containsKey(ClientIdPolicyConfiguration.SECRET)) {
            configuration.setProperty(ClientIdPolicyConfiguration.SECRET, SECRET);
        }
        try {
            return ClientIdPolicyConfiguration.from(configuration);
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private PolicyConfigurations() {
    }
}
