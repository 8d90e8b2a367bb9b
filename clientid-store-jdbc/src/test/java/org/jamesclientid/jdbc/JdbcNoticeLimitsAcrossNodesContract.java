package org.jamesclientid.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.alert.NoticeLimitsContract;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The notice limits hold across every James on one database: two nodes (two stores, each with its own connections)
 * admitting at once never send more than the daily number, nor more than one digest, nor one notice twice.
 */
interface JdbcNoticeLimitsAcrossNodesContract {
    Username OWNER = Username.of("carol@example.com");
    Instant AT = Instant.parse("2026-11-30T10:00:00Z");
    int ATTEMPTS = 40;

    JdbcDatabaseExtension database();

    private List<NoticeLimits.Verdict> admitOnTwoNodes(int devices) {
        try (JdbcConnections node1 = new JdbcConnections(database().settings(), 4);
             JdbcConnections node2 = new JdbcConnections(database().settings(), 4)) {
            List<JdbcNoticeLimits> nodes = List.of(
                new JdbcNoticeLimits(new JdbcExecutor(node1), NoticeLimitsContract.CONFIGURATION, Clock.systemUTC()),
                new JdbcNoticeLimits(new JdbcExecutor(node2), NoticeLimitsContract.CONFIGURATION, Clock.systemUTC()));
            return Flux.range(0, ATTEMPTS)
                .flatMap(i -> nodes.get(i % 2).admit(OWNER, Optional.of(DeviceId.of(String.format("%024x", i % devices))),
                    Alert.Kind.DEVICE_DENIED, AT).subscribeOn(Schedulers.parallel()), ATTEMPTS)
                .collectList()
                .block();
        }
    }

    @Test
    default void admitShouldSendTheDailyNumberAndOneDigestWhenTwoNodesAdmitAtOnce() {
        List<NoticeLimits.Verdict> verdicts = admitOnTwoNodes(ATTEMPTS);

        assertThat(verdicts).filteredOn(verdict -> verdict == NoticeLimits.Verdict.SEND).hasSize(NoticeLimitsContract.CONFIGURATION.getPerDay());
        assertThat(verdicts).filteredOn(verdict -> verdict == NoticeLimits.Verdict.DIGEST).hasSize(1);
    }

    @Test
    default void admitShouldSendANoticeOnceWhenTwoNodesAdmitItAtOnce() {
        List<NoticeLimits.Verdict> verdicts = admitOnTwoNodes(1);

        assertThat(verdicts).containsOnlyOnce(NoticeLimits.Verdict.SEND);
        assertThat(verdicts).doesNotContain(NoticeLimits.Verdict.DIGEST);
    }
}
