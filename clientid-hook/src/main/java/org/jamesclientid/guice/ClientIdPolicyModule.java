package org.jamesclientid.guice;

import java.io.FileNotFoundException;
import java.time.Clock;
import java.util.Set;

import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.jamesclientid.administration.BlockAdministration;
import org.jamesclientid.administration.DeviceAdministration;
import org.jamesclientid.administration.DeviceStatusChanges;
import org.jamesclientid.administration.RevokeAllDevices;
import org.jamesclientid.alert.AlertChannel;
import org.jamesclientid.alert.InboxNoticeMailbox;
import org.jamesclientid.alert.InboxReplyConfirmations;
import org.jamesclientid.alert.MailboxNoticeAlertListener;
import org.jamesclientid.alert.NoticeLimitsConfiguration;
import org.jamesclientid.alert.NoticeMailbox;
import org.jamesclientid.device.DeviceAccessListener;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.imap.OpenImapSessions;
import org.jamesclientid.policy.AlertListener;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.KnownAccounts;
import org.jamesclientid.policy.LastKnownPolicies;
import org.jamesclientid.policy.LoggingAlertListener;
import org.jamesclientid.policy.UsersRepositoryKnownAccounts;
import org.jamesclientid.reply.DeviceReplies;
import org.jamesclientid.reply.ReplyConfiguration;
import org.jamesclientid.reply.ReplyConfirmations;

import com.google.common.collect.ImmutableSet;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * The AUTH-time policy, whatever the device store: configuration from {@code conf/clientid.properties}, device ids,
 * the engine and its alert listeners. Installed by the store modules ({@link ClientIdMemoryModule}, the Cassandra one).
 */
public class ClientIdPolicyModule extends AbstractModule {
    /**
     * Names the parsed {@code conf/clientid.properties}, read once and shared by every CLIENTID provider.
     */
    public static final String CONFIGURATION_NAME = "clientid";

    @Override
    protected void configure() {
        bind(ClientIdPolicyEngine.class).in(Scopes.SINGLETON);
        // One per node, shared by the engine and the WebAdmin policy routes.
        bind(LastKnownPolicies.class).in(Scopes.SINGLETON);
        bind(InboxNoticeMailbox.class).in(Scopes.SINGLETON);
        bind(NoticeMailbox.class).to(InboxNoticeMailbox.class);
        bind(DeviceHistory.class).in(Scopes.SINGLETON);
        bind(KnownAccounts.class).to(UsersRepositoryKnownAccounts.class);
        bind(DeviceAdministration.class).in(Scopes.SINGLETON);
        bind(BlockAdministration.class).in(Scopes.SINGLETON);
        bind(DeviceStatusChanges.class).in(Scopes.SINGLETON);
        bind(DeviceReplies.class).in(Scopes.SINGLETON);
        bind(InboxReplyConfirmations.class).in(Scopes.SINGLETON);
        bind(ReplyConfirmations.class).to(InboxReplyConfirmations.class);
        bind(RevokeAllDevices.class).in(Scopes.SINGLETON);
        // What WebAdmin tells when it takes access away from a device: the open IMAP sessions of this node end.
        Multibinder.newSetBinder(binder(), DeviceAccessListener.class).addBinding().to(OpenImapSessions.class);
    }

    @Provides
    @Singleton
    PendingDeviceLimits pendingDeviceLimits(ClientIdPolicyConfiguration configuration) {
        return configuration.getPendingDeviceLimits();
    }

    @Provides
    @Singleton
    ReplyConfiguration replyConfiguration(@Named(CONFIGURATION_NAME) Configuration clientIdProperties) throws ConfigurationException {
        return ReplyConfiguration.from(clientIdProperties);
    }

    @Provides
    @Singleton
    OpenImapSessions openImapSessions(DeviceHistory deviceHistory, Clock clock,
                                      @Named(CONFIGURATION_NAME) Configuration clientIdProperties) throws ConfigurationException {
        return new OpenImapSessions(deviceHistory, clock, OpenImapSessions.checkInterval(clientIdProperties));
    }

    @Provides
    @Singleton
    Set<AlertListener> alertListeners(@Named(CONFIGURATION_NAME) Configuration clientIdProperties, Provider<LoggingAlertListener> log,
                                      Provider<MailboxNoticeAlertListener> mail) throws ConfigurationException {
        Set<AlertChannel> channels = AlertChannel.from(clientIdProperties);
        ImmutableSet.Builder<AlertListener> listeners = ImmutableSet.builder();
        if (channels.contains(AlertChannel.LOG)) {
            listeners.add(log.get());
        }
        if (channels.contains(AlertChannel.MAIL)) {
            listeners.add(mail.get());
        }
        return listeners.build();
    }

    @Provides
    @Singleton
    NoticeLimitsConfiguration noticeLimitsConfiguration(@Named(CONFIGURATION_NAME) Configuration clientIdProperties) throws ConfigurationException {
        return NoticeLimitsConfiguration.from(clientIdProperties);
    }

    @Provides
    @Singleton
    ClientIdPolicyConfiguration policyConfiguration(@Named(CONFIGURATION_NAME) Configuration clientIdProperties) throws ConfigurationException {
        return ClientIdPolicyConfiguration.from(clientIdProperties);
    }

    @Provides
    @Singleton
    @Named(CONFIGURATION_NAME)
    Configuration clientIdProperties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return propertiesProvider.getConfiguration(CONFIGURATION_NAME);
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("CLIENTID: conf/" + CONFIGURATION_NAME + ".properties is missing; it must at least set clientid.secret", e);
        }
    }

    @Provides
    @Singleton
    DeviceIdFactory deviceIdFactory(ClientIdPolicyConfiguration configuration) {
        DeviceIdFactory deviceIdFactory = DeviceIdFactory.withSecret(configuration.getSecret());
        return configuration.getPreviousSecret()
            .map(deviceIdFactory::withPrevious)
            .orElse(deviceIdFactory);
    }
}
