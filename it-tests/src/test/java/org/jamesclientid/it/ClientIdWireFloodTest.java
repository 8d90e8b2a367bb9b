package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.it.ClientIdJamesServers.ALICE;
import static org.jamesclientid.it.ClientIdJamesServers.ALICE_PASSWORD;
import static org.jamesclientid.it.ClientIdJamesServers.BOB;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.limit.LimitKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.common.collect.ImmutableList;

/**
 * Issue 13, point 4, over the wire: a few thousand SMTP sessions over STARTTLS on the submission port of a real James
 * memory server in enforce, by Apache commons-net, several at once, each from its own loopback address with a random
 * token, a random username (most of them made up) and a wrong password. Then the memory stores hold, entry by entry,
 * no more than the bound of docs/cassandra.md ("Bounded storage") computed from the configured limits and the
 * sessions sent, the heap they retain is printed for the docs, and a known device still signs in.
 */
class ClientIdWireFloodTest {
    private static final int SESSIONS = 3_000;
    /**
     * Sessions at once. Each one read its throttles before the others' failures were counted, so up to this many can
     * pass a limit that is being reached: the bounds add it to each limit's threshold.
     */
    private static final int AT_ONCE = 16;
    private static final int KNOWN_SHARE_PERCENT = 20;
    // The shipped clientid.properties' limits (conf/clientid.properties): failures of one account from what it does
    // not trust, of one address, of one device on one account, of one device on every account.
    private static final int ACCOUNT_LIMIT = 30;
    private static final Duration ACCOUNT_BLOCK = Duration.ofMinutes(15);
    private static final int ADDRESS_LIMIT = 30;
    private static final int DEVICE_ON_ACCOUNT_LIMIT = 10;
    private static final int DEVICE_LIMIT = 30;
    private static final int SHARED_DEVICE_ACCOUNTS = 5;
    private static final String LAPTOP = "0b7f1e32-6c55-4d0e-9a43-5f7d2c1a9e80";
    private static final String WRONG_PASSWORD = "not-the-password";
    private static final List<String> KNOWN_ACCOUNTS = ImmutableList.<String>builder()
        .add(ALICE, BOB)
        .addAll(IntStream.range(0, 8).mapToObj(i -> "user" + i + "@" + ClientIdJamesServers.DOMAIN).iterator())
        .build();

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=enforce")
        .probe(ClientIdMemoryStoreProbe.class)
        .build();

    /**
     * One session as the attacker plans it.
     */
    private static final class Planned {
        private final String username;
        private final boolean knownAccount;
        private final String token;
        private final String address;

        private Planned(String username, boolean knownAccount, String token, String address) {
            this.username = username;
            this.knownAccount = knownAccount;
            this.token = token;
            this.address = address;
        }
    }

    @Test
    void floodOfTlsSessionsWithRandomTokensAndNamesShouldLeaveTheMemoryStoresWithinTheDocumentedBound(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, KNOWN_ACCOUNTS.subList(2, KNOWN_ACCOUNTS.size()).toArray(String[]::new));
        server.getProbe(ClientIdTestProbe.class).enroll(ALICE, "UUID", LAPTOP, DeviceStatus.TRUSTED);
        int port = ClientIdJamesServers.submissionPort(server);
        // Also warms TLS up before the heap is measured.
        assertThat(signIn(port, InetAddress.getLoopbackAddress(), LAPTOP, ALICE, ALICE_PASSWORD)).isEqualTo(235);
        ClientIdMemoryStoreProbe stores = server.getProbe(ClientIdMemoryStoreProbe.class);
        List<Planned> sessions = plan(new Random(42));
        long heapBefore = usedHeapAfterGc();

        long start = System.nanoTime();
        Map<Integer, Long> authReplies = flood(port, sessions);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long heapAfter = usedHeapAfterGc();

        Counts counts = new Counts(sessions, elapsed);
        ClientIdTestProbe probe = server.getProbe(ClientIdTestProbe.class);
        long pending = KNOWN_ACCOUNTS.stream()
            .mapToLong(account -> probe.devices(account).stream().filter(device -> device.getStatus() == DeviceStatus.PENDING).count())
            .sum();
        long devices = KNOWN_ACCOUNTS.stream().mapToLong(stores::devices).sum();
        long activities = KNOWN_ACCOUNTS.stream().mapToLong(stores::activities).sum();
        long madeUpEntries = sessions.stream().filter(planned -> !planned.knownAccount)
            .mapToLong(planned -> stores.devices(planned.username) + stores.activities(planned.username))
            .sum();
        long uses = sessions.stream().map(planned -> stores.deviceId("UUID", planned.token)).distinct().mapToLong(stores::uses).sum();
        long failures = failuresHeld(stores, sessions);
        System.out.printf("BOUNDED wire sessions=%d atOnce=%d seconds=%.1f sessionsPerSecond=%.0f authReplies=%s%n",
            SESSIONS, AT_ONCE, elapsed.toMillis() / 1000.0, SESSIONS * 1000.0 / elapsed.toMillis(), authReplies);
        System.out.printf("BOUNDED wire madeUp=%d known=%d passingKnown=%d pendingDevices=%d/%d devices=%d activities=%d/%d uses=%d/%d "
                + "failures=%d/%d failureKeys=%d/%d throttles=%d/%d blocks=%d/%d madeUpEntries=%d heapRetainedMB=%.1f "
                + "heapRetainedBytesPerSession=%d%n",
            counts.madeUp, SESSIONS - counts.madeUp, counts.passingKnown, pending, counts.pendingBound(), devices, activities, counts.passingKnown + 1,
            uses, counts.passingKnown, failures, counts.failuresBound(), stores.failureKeys(), counts.failureKeysBound(),
            stores.throttles(), counts.throttlesBound(), stores.blocks(), counts.blocksBound, madeUpEntries,
            (heapAfter - heapBefore) / 1e6, (heapAfter - heapBefore) / SESSIONS);

        // Every session got the wrong-password reply: none lost, none answered 454 for want of the store.
        assertThat(authReplies).containsOnlyKeys(535);
        assertThat(pending).isLessThanOrEqualTo(counts.pendingBound());
        // The flood's pending devices and alice's laptop, enrolled by an administrator.
        assertThat(devices).isEqualTo(pending + 1);
        // One per pending device added (it expires with the device, not when the cap drops the device), and the laptop's.
        assertThat(activities).isLessThanOrEqualTo(counts.passingKnown + 1);
        assertThat(uses).isLessThanOrEqualTo(counts.passingKnown);
        assertThat(failures).isLessThanOrEqualTo(counts.failuresBound());
        assertThat(stores.failureKeys()).isLessThanOrEqualTo(counts.failureKeysBound());
        assertThat(stores.throttles()).isLessThanOrEqualTo(counts.throttlesBound());
        assertThat(stores.blocks()).isLessThanOrEqualTo(counts.blocksBound);
        assertThat(madeUpEntries).isZero();
        // James answers as before: alice's trusted laptop signs in (her account is throttled for unknown devices only)
        // and sends a message.
        assertThat(signInAndSend(port, LAPTOP, ALICE, ALICE_PASSWORD)).isTrue();
    }

    /**
     * A fifth of the sessions name a known account, the others a made-up one; every token and nearly every address
     * (127.0.0.0/8 is all loopback) is new.
     */
    private static List<Planned> plan(Random random) {
        return IntStream.range(0, SESSIONS)
            .mapToObj(i -> {
                boolean knownAccount = random.nextInt(100) < KNOWN_SHARE_PERCENT;
                String username = knownAccount
                    ? KNOWN_ACCOUNTS.get(random.nextInt(KNOWN_ACCOUNTS.size()))
                    : "made-up-" + Long.toHexString(random.nextLong()) + "@" + ClientIdJamesServers.DOMAIN;
                return new Planned(username, knownAccount, "flood-" + new UUID(random.nextLong(), random.nextLong()),
                    "127." + (1 + random.nextInt(254)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
            })
            .collect(Collectors.toList());
    }

    private static Map<Integer, Long> flood(int port, List<Planned> sessions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<Integer>> replies = pool.invokeAll(sessions.stream()
                .map(planned -> (Callable<Integer>) () ->
                    signIn(port, InetAddress.getByName(planned.address), planned.token, planned.username, WRONG_PASSWORD))
                .collect(Collectors.toList()));
            Map<Integer, Long> counts = new HashMap<>();
            for (Future<Integer> reply : replies) {
                counts.merge(reply.get(), 1L, Long::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * EHLO, STARTTLS, EHLO, CLIENTID, AUTH PLAIN, QUIT from {@code from}: the reply code of AUTH.
     */
    private static int signIn(int port, InetAddress from, String token, String username, String password) throws Exception {
        AuthenticatingSMTPClient client = startTls(port, from);
        try {
            assertThat(client.sendCommand("CLIENTID", "UUID " + token)).isEqualTo(250);
            client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, username, password);
            int reply = client.getReplyCode();
            client.quit();
            return reply;
        } finally {
            client.disconnect();
        }
    }

    private static boolean signInAndSend(int port, String token, String username, String password) throws Exception {
        AuthenticatingSMTPClient client = startTls(port, InetAddress.getLoopbackAddress());
        try {
            assertThat(client.sendCommand("CLIENTID", "UUID " + token)).isEqualTo(250);
            return client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, username, password)
                && client.setSender(username)
                && client.addRecipient(BOB)
                && client.sendShortMessageData("Subject: after the flood\r\n\r\nStill here.\r\n");
        } finally {
            client.disconnect();
        }
    }

    private static AuthenticatingSMTPClient startTls(int port, InetAddress from) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(false, trustAll);
        client.setDefaultTimeout(60_000);
        client.connect(InetAddress.getLoopbackAddress(), port, from, 0);
        client.setSoTimeout(60_000);
        assertThat(client.ehlo("flood.example")).isEqualTo(250);
        assertThat(client.execTLS()).isTrue();
        assertThat(client.ehlo("flood.example")).isEqualTo(250);
        return client;
    }

    /**
     * The failures the limiter holds for every key the flood could write: each session's device on every account and
     * address, and for known accounts the account and the device on it.
     */
    private static long failuresHeld(ClientIdMemoryStoreProbe stores, List<Planned> sessions) {
        Stream<LimitKey> keys = sessions.stream().flatMap(planned -> {
            DeviceId device = stores.deviceId("UUID", planned.token);
            Username username = Username.of(planned.username);
            return Stream.of(LimitKey.device(device), LimitKey.address(planned.address), LimitKey.account(username),
                LimitKey.deviceOnAccount(device, username));
        });
        return keys.distinct().mapToLong(stores::failures).sum();
    }

    /**
     * The bounds of docs/cassandra.md for this flood: every entry lives longer than the run, so the stores hold at
     * most what the sessions the limits let through write, capped where the docs give a cap.
     */
    private static final class Counts {
        private final long madeUp;
        private final long passingKnown;
        private final long accountsNamed;
        private final long accountsThrottled;
        private final long addressesThrottled;
        private final long devicesThrottledOnAccount;
        private final long blocksBound;
        private final long distinctTokens;
        private final long distinctAddresses;

        Counts(List<Planned> sessions, Duration elapsed) {
            // An account's throttle refuses its unknown devices for its block duration once the limit is reached (plus
            // the sessions already in flight); after it ends, as many again.
            long throttlePeriods = 1 + elapsed.toMillis() / ACCOUNT_BLOCK.toMillis();
            long passingPerAccount = (ACCOUNT_LIMIT + AT_ONCE) * throttlePeriods;
            Map<String, Long> perAccount = countBy(sessions.stream().filter(planned -> planned.knownAccount), planned -> planned.username);
            Map<String, Long> perAddress = countBy(sessions.stream(), planned -> planned.address);
            Map<String, Long> perToken = countBy(sessions.stream(), planned -> planned.token);
            this.madeUp = sessions.stream().filter(planned -> !planned.knownAccount).count();
            this.passingKnown = perAccount.values().stream().mapToLong(count -> Math.min(count, passingPerAccount)).sum();
            this.accountsNamed = perAccount.size();
            this.accountsThrottled = perAccount.values().stream().filter(count -> count >= ACCOUNT_LIMIT).count();
            this.addressesThrottled = perAddress.values().stream().filter(count -> count >= ADDRESS_LIMIT).count();
            this.devicesThrottledOnAccount = countBy(sessions.stream().filter(planned -> planned.knownAccount),
                    planned -> planned.token + " " + planned.username).values().stream()
                .filter(count -> count >= DEVICE_ON_ACCOUNT_LIMIT)
                .count();
            this.blocksBound = perToken.values().stream()
                .filter(count -> count >= DEVICE_LIMIT || count > SHARED_DEVICE_ACCOUNTS)
                .count();
            this.distinctTokens = perToken.size();
            this.distinctAddresses = perAddress.size();
        }

        long pendingBound() {
            return Math.min(passingKnown, accountsNamed * PendingDeviceLimits.DEFAULT_PER_ACCOUNT);
        }

        /**
         * Device and address for a session on a made-up name; device, device on account, account and address for
         * one on a known account the throttle let through.
         */
        long failuresBound() {
            return 2 * madeUp + 4 * passingKnown;
        }

        long failureKeysBound() {
            return distinctTokens + distinctAddresses + accountsNamed + passingKnown;
        }

        long throttlesBound() {
            return accountsThrottled + addressesThrottled + devicesThrottledOnAccount;
        }
    }

    private static <T, K> Map<K, Long> countBy(Stream<T> items, Function<T, K> key) {
        Map<K, Long> counts = new HashMap<>();
        items.forEach(item -> counts.merge(key.apply(item), 1L, Long::sum));
        return counts;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
