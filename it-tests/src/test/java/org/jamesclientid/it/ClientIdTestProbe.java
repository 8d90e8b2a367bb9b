package org.jamesclientid.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.utils.GuiceProbe;
import org.jamesclientid.administration.DeviceAdministration;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;

import com.codahale.metrics.MetricRegistry;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * Reaches inside the James under test: the device history the AUTH hook uses, and the users' mailboxes.
 * Only for it-tests that bind the CLIENTID module in the server's own injector (see ClientIdJamesServers).
 */
public class ClientIdTestProbe implements GuiceProbe {
    private final DeviceHistory deviceHistory;
    private final DeviceAdministration administration;
    private final FailureCounters failureCounters;
    private final DeviceIdFactory deviceIdFactory;
    private final MailboxManager mailboxManager;
    private final Clock clock;
    private final MetricRegistry metricRegistry;

    @Inject
    public ClientIdTestProbe(DeviceHistory deviceHistory, DeviceAdministration administration, FailureCounters failureCounters,
                             DeviceIdFactory deviceIdFactory, MailboxManager mailboxManager, Clock clock, MetricRegistry metricRegistry) {
        this.administration = administration;
        this.failureCounters = failureCounters;
        this.metricRegistry = metricRegistry;
        this.deviceHistory = deviceHistory;
        this.deviceIdFactory = deviceIdFactory;
        this.mailboxManager = mailboxManager;
        this.clock = clock;
    }

    /**
     * A count of James' own metric registry (what JMX and the metrics routes publish); James' counters are meters.
     */
    public long counter(String name) {
        return metricRegistry.meter(name).getCount();
    }

    public long timerCount(String name) {
        return metricRegistry.timer(name).getCount();
    }

    public DeviceHistory deviceHistory() {
        return deviceHistory;
    }

    /**
     * What the WebAdmin device routes call.
     */
    public DeviceAdministration administration() {
        return administration;
    }

    public DeviceId deviceId(String type, String token) {
        return deviceIdFactory.deviceId(ClientId.of(type, token));
    }

    /**
     * Out-of-band enrolment, as an administrator would do it (U4).
     */
    public DeviceId enroll(String user, String type, String token, DeviceStatus status) {
        ClientId clientId = ClientId.of(type, token);
        DeviceId id = deviceIdFactory.deviceId(clientId);
        save(user, Device.builder()
            .id(id)
            .type(clientId.getType())
            .hint(DeviceIdFactory.hint(clientId))
            .status(StatusChange.of(status, Optional.empty(), Actor.ADMINISTRATOR, clock.instant()))
            .firstSeen(clock.instant())
            .build());
        return id;
    }

    /**
     * Stores the device on the account, replacing what the account had of it (a test's setting up).
     */
    public void save(String user, Device device) {
        deviceHistory.devices().delete(Username.of(user), device.getId()).block();
        deviceHistory.devices().add(Username.of(user), device).block();
    }

    public void setPolicy(String user, ClientIdMode mode, boolean requireClientId) {
        deviceHistory.policies().setPolicy(Username.of(user), AccountPolicy.of(mode, requireClientId)).block();
    }

    public List<Device> devices(String user) {
        return deviceHistory.devices().devices(Username.of(user)).collectList().block();
    }

    public Optional<Device> device(String user, DeviceId id) {
        return deviceHistory.devices().device(Username.of(user), id).blockOptional();
    }

    public Optional<DeviceActivity> activity(String user, DeviceId id) {
        return deviceHistory.activity().activity(Username.of(user), id).blockOptional();
    }

    /**
     * The device's failures on every account since {@code since}.
     */
    public long deviceFailuresSince(DeviceId id, Instant since) {
        return failureCounters.countSince(LimitKey.device(id), since).block();
    }

    public boolean isBlocked(DeviceId id) {
        return deviceHistory.blocks().blocks(id).blockOptional()
            .flatMap(blocks -> blocks.activeAt(clock.instant()))
            .isPresent();
    }

    /**
     * Subjects of the messages in the user's INBOX, oldest first; empty when the user has no INBOX yet.
     */
    /**
     * Each message of the user's INBOX as its subject, a blank line and its text body.
     */
    public List<String> inboxTexts(String user) throws MailboxException, IOException, MessagingException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(user));
        MailboxPath inbox = MailboxPath.inbox(session);
        if (!Mono.from(mailboxManager.mailboxExists(inbox, session)).block()) {
            return ImmutableList.of();
        }
        ImmutableList.Builder<String> texts = ImmutableList.builder();
        MessageResultIterator messages = mailboxManager.getMailbox(inbox, session).getMessages(MessageRange.all(), FetchGroup.FULL_CONTENT, session);
        while (messages.hasNext()) {
            try (InputStream content = messages.next().getFullContent().getInputStream()) {
                MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(content.readAllBytes()));
                texts.add(Optional.ofNullable(mime.getSubject()).orElse("") + "\n\n" + mime.getContent());
            }
        }
        return texts.build();
    }

    public List<String> inboxSubjects(String user) throws MailboxException, IOException, MessagingException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(user));
        MailboxPath inbox = MailboxPath.inbox(session);
        if (!Mono.from(mailboxManager.mailboxExists(inbox, session)).block()) {
            return ImmutableList.of();
        }
        MessageManager mailbox = mailboxManager.getMailbox(inbox, session);
        ImmutableList.Builder<String> subjects = ImmutableList.builder();
        MessageResultIterator messages = mailbox.getMessages(MessageRange.all(), FetchGroup.FULL_CONTENT, session);
        while (messages.hasNext()) {
            MessageResult message = messages.next();
            try (InputStream content = message.getFullContent().getInputStream()) {
                MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(content.readAllBytes()));
                subjects.add(Optional.ofNullable(mime.getSubject()).orElse(""));
            }
        }
        return subjects.build();
    }
}
