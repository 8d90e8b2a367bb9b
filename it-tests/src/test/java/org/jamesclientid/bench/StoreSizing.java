package org.jamesclientid.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.james.core.Username;
import org.jamesclientid.cassandra.CassandraAccountPolicyRepository;
import org.jamesclientid.cassandra.CassandraBlockRepository;
import org.jamesclientid.cassandra.CassandraDeviceActivityRepository;
import org.jamesclientid.cassandra.CassandraDeviceHistoryConfiguration;
import org.jamesclientid.cassandra.CassandraDeviceHistoryTables;
import org.jamesclientid.cassandra.CassandraDeviceRepository;
import org.jamesclientid.cassandra.CassandraDeviceUseDAO;
import org.jamesclientid.cassandra.CassandraDeviceUseRepository;
import org.jamesclientid.cassandra.CassandraFailureCounters;
import org.jamesclientid.cassandra.CassandraFailureDAO;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.testing.cassandra.CassandraDaemonLauncher;
import org.jamesclientid.testing.cassandra.ForkedCassandra;
import org.jamesclientid.testing.cassandra.TestCqlSessions;

import com.datastax.oss.driver.api.core.CqlSession;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bytes per stored row of each CLIENTID table, on disk, after a known load: {@code sizing.accounts} accounts
 * (default 20,000) with {@code sizing.devicesPerAccount} trusted devices each (default 3), one use of each device by
 * its account, one failure of each device (as a device failure and as a failure of the device on its account), and
 * a block of one device in ten; then a clean restart (SIGTERM drains every memtable to SSTables) and the size of each
 * table's directory (data, index, bloom filter, statistics: what {@code nodetool tablestats} calls space used (live)),
 * on one node, replication factor 1, LZ4 compression (Cassandra's default). Prints {@code BENCH sizing} lines.
 * <p>Run: {@code java -cp <run-bench's classpath> org.jamesclientid.bench.StoreSizing} from {@code it-tests/}.
 */
public final class StoreSizing {
    private static final int IN_FLIGHT = 64;
    private static final String KEYSPACE = "bench_sizing";

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("sizing.accounts", 20_000);
        int devicesPerAccount = Integer.getInteger("sizing.devicesPerAccount", 3);
        int devices = accounts * devicesPerAccount;
        DeviceIdFactory deviceIds = DeviceIdFactory.withSecret(BenchConf.SECRET.substring(BenchConf.SECRET.indexOf('=') + 1));
        ForkedCassandra cassandra = CassandraDaemonLauncher.fromSystemProperties().launch();
        try {
            try (CqlSession admin = TestCqlSessions.adminBuilder(cassandra.contactPoint()).build()) {
                admin.execute("CREATE KEYSPACE " + KEYSPACE + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            }
            Instant now = Instant.now();
            try (CqlSession session = TestCqlSessions.builder(cassandra.contactPoint()).withKeyspace(KEYSPACE).build()) {
                CassandraDeviceHistoryTables.createMissing(session);
                DeviceHistory history = new DeviceHistory(new CassandraDeviceRepository(session, PendingDeviceLimits.DEFAULT),
                    new CassandraDeviceActivityRepository(session), new CassandraBlockRepository(session),
                    new CassandraAccountPolicyRepository(session),
                    new CassandraDeviceUseRepository(new CassandraDeviceUseDAO(session), CassandraDeviceHistoryConfiguration.DEFAULT));
                CassandraFailureCounters failures = new CassandraFailureCounters(new CassandraFailureDAO(session),
                    CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION);
                Flux.range(0, devices)
                    .flatMap(i -> {
                        Username account = Username.of("user-" + (i % accounts) + "@" + BenchAccount.DOMAIN);
                        ClientId clientId = ClientId.of("UUID", "sizing-device-" + i);
                        DeviceId id = deviceIds.deviceId(clientId);
                        Mono<Void> block = i % 10 == 0
                            ? history.blocks().block(Block.of(id, Actor.ADMINISTRATOR, now, Optional.empty(), Optional.of("sizing")))
                            : Mono.empty();
                        return history.devices().add(account, Device.builder()
                                .id(id)
                                .type(clientId.getType())
                                .hint(DeviceIdFactory.hint(clientId))
                                .status(StatusChange.trusted(Actor.SIGN_IN, now))
                                .firstSeen(now)
                                .build())
                            .then(history.activity().record(account, DeviceActivity.first(id, now, Optional.of("192.0.2." + (i % 250)), true),
                                Optional.empty()))
                            .then(history.uses().recordUse(id, account, now))
                            .then(failures.recordAndCountSince(LimitKey.device(id), now, now.minus(Duration.ofMinutes(15))))
                            .then(failures.recordAndCountSince(LimitKey.deviceOnAccount(id, account), now, now.minus(Duration.ofMinutes(15))))
                            .then(block);
                    }, IN_FLIGHT)
                    .blockLast();
            }
            // A clean stop drains the memtables: every row is then in SSTables on disk.
            cassandra.restart();
            Path keyspace = cassandra.directory().storage("data").resolve(KEYSPACE);
            line("sizing_load", "accounts=" + accounts, "devices=" + devices, "uses=" + devices, "activities=" + devices,
                "limit_failures=" + devices, "blocks=" + (devices + 9) / 10, "compression=LZ4_default", "replication_factor=1");
            table(keyspace, "clientid_devices", devices);
            table(keyspace, "clientid_device_activity", devices);
            table(keyspace, "clientid_device_uses", devices);
            table(keyspace, "clientid_account_device_uses", devices);
            table(keyspace, "clientid_failures", 2 * devices);
            table(keyspace, "clientid_blocks", (devices + 9) / 10);
        } finally {
            cassandra.stop();
        }
        System.exit(0);
    }

    private static void table(Path keyspace, String table, long rows) throws IOException {
        long bytes;
        try (Stream<Path> directories = Files.list(keyspace)) {
            bytes = directories.filter(directory -> directory.getFileName().toString().startsWith(table + "-"))
                .mapToLong(StoreSizing::size)
                .sum();
        }
        line("sizing", "table=" + table, "rows=" + rows, "bytes_on_disk=" + bytes,
            "bytes_per_row=" + String.format(Locale.ROOT, "%.1f", (double) bytes / rows));
    }

    private static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(String... parts) {
        System.out.println("BENCH " + String.join(" ", parts));
    }

    private StoreSizing() {
    }
}
