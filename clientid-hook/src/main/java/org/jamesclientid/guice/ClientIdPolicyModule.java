package org.jamesclientid.guice;

import java.io.FileNotFoundException;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.jamesclientid.alert.MailboxNoticeAlertListener;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.policy.AlertListener;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.LoggingAlertListener;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * The AUTH-time policy, whatever the device store: configuration from {@code conf/clientid.properties}, device ids,
 * the engine and its alert listeners. Installed by the store modules ({@link ClientIdMemoryModule}, the Cassandra one).
 */
public class ClientIdPolicyModule extends AbstractModule {
    static final String CONFIGURATION_NAME = "clientid";

    @Override
    protected void configure() {
        bind(ClientIdPolicyEngine.class).in(Scopes.SINGLETON);

        Multibinder<AlertListener> alertListeners = Multibinder.newSetBinder(binder(), AlertListener.class);
        alertListeners.addBinding().to(LoggingAlertListener.class);
        alertListeners.addBinding().to(MailboxNoticeAlertListener.class);
    }

    @Provides
    @Singleton
    ClientIdPolicyConfiguration policyConfiguration(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return ClientIdPolicyConfiguration.from(propertiesProvider.getConfiguration(CONFIGURATION_NAME));
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("CLIENTID: conf/" + CONFIGURATION_NAME + ".properties is missing; it must at least set clientid.secret", e);
        }
    }

    @Provides
    @Singleton
    DeviceIdFactory deviceIdFactory(ClientIdPolicyConfiguration configuration) {
        return DeviceIdFactory.withSecret(configuration.getSecret());
    }
}
