package org.jamesclientid.cassandra;

import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceUseRepository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceUseRepository} on Cassandra: uses by device (the shared-device limit reads one partition) and an index
 * by account (rename and deletion), both written with the retention as TTL.
 */
public class CassandraDeviceUseRepository implements DeviceUseRepository {
    private static final int CONCURRENCY = 4;

    private final CassandraDeviceUseDAO useDAO;
    private final CassandraDeviceHistoryConfiguration configuration;

    @Inject
    public CassandraDeviceUseRepository(CassandraDeviceUseDAO useDAO, CassandraDeviceHistoryConfiguration configuration) {
        this.useDAO = useDAO;
        this.configuration = configuration;
    }

    @Override
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at) {
        return useDAO.lastUse(deviceId, username)
            .defaultIfEmpty(Instant.MIN)
            .flatMap(lastUse -> lastUse.isAfter(at) ? Mono.empty() : useDAO.recordUse(deviceId, username, at, configuration.retentionSeconds()));
    }

    @Override
    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return useDAO.uses(deviceId);
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return useDAO.devicesUsedBy(username)
            .flatMap(deviceId -> useDAO.deleteUse(deviceId, username), CONCURRENCY)
            // The index goes last: if a delete above fails, a retry still finds every use.
            .then(useDAO.deleteAccountIndex(username));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        // Copies before deletions: an interrupted rename leaves uses under both names, never under neither.
        return useDAO.devicesUsedBy(from)
            .flatMap(deviceId -> Mono.zip(useDAO.lastUse(deviceId, from), useDAO.lastUse(deviceId, to).defaultIfEmpty(Instant.MIN))
                .flatMap(lastUses -> useDAO.recordUse(deviceId, to, latest(lastUses.getT1(), lastUses.getT2()),
                    configuration.retentionSeconds())), CONCURRENCY)
            .then(deleteAll(from));
    }

    @Override
    public Mono<Void> rekey(DeviceId from, DeviceId to) {
        return useDAO.uses(from)
            .flatMap(use -> useDAO.lastUse(to, use.getUsername()).defaultIfEmpty(Instant.MIN)
                .flatMap(lastUseOfTo -> useDAO.recordUse(to, use.getUsername(), latest(use.getLastSeen(), lastUseOfTo),
                    configuration.retentionSeconds()))
                .then(useDAO.deleteUse(from, use.getUsername())), CONCURRENCY)
            .then();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
