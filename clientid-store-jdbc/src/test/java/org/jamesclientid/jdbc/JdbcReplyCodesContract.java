package org.jamesclientid.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jamesclientid.device.SettableClock;
import org.jamesclientid.reply.ReplyCodes;
import org.jamesclientid.reply.ReplyCodesContract;
import org.jamesclientid.reply.ReplyGrant;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What the JDBC reply codes add to {@link ReplyCodesContract}: a row expires when its code does, by the store's clock
 * counted from the write (as a Cassandra TTL), is left out of every query from then on and deleted by the sweep; and a
 * code is consumed once when several James on the database, each with its own connections, get replies with it at once.
 */
interface JdbcReplyCodesContract extends ReplyCodesContract {
    /** The store's clock, three hours past the caller's {@link #NOW}: only the length of validity carries over. */
    Duration CLOCK_SKEW = Duration.ofHours(3);
    Duration VALIDITY = Duration.between(NOW, GRANT.getExpiresAt());
    int REPLIES = 16;

    JdbcDatabaseExtension database();

    default long replyCodeRows() throws Exception {
        return database().connections().withConnection(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet resultSet = statement.executeQuery("SELECT COUNT(*) FROM " + JdbcTables.REPLY_CODES)) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        });
    }

    @Test
    default void findShouldLeaveOutACodeOnceItsValidityHasPassedByTheStoresClockWhenNotSweptYet() throws Exception {
        SettableClock clock = new SettableClock(NOW.plus(CLOCK_SKEW));
        JdbcReplyCodes replyCodes = new JdbcReplyCodes(database().executor(), clock);
        replyCodes.save(HASH, GRANT, NOW).block();

        clock.advance(VALIDITY.minusSeconds(1));
        assertThat(replyCodes.find(HASH).block()).as("the grant as given, its own time untouched").isEqualTo(GRANT);
        clock.advance(Duration.ofSeconds(1));
        assertThat(replyCodes.find(HASH).blockOptional()).isEmpty();
        assertThat(replyCodeRows()).as("not swept yet").isEqualTo(1);
    }

    @Test
    default void consumeShouldFailWhenTheCodeExpiredByTheStoresClock() {
        SettableClock clock = new SettableClock(NOW.plus(CLOCK_SKEW));
        JdbcReplyCodes replyCodes = new JdbcReplyCodes(database().executor(), clock);
        replyCodes.save(HASH, GRANT, NOW).block();

        clock.advance(VALIDITY);

        assertThat(replyCodes.consume(HASH).block()).isFalse();
    }

    @Test
    default void sweepShouldDeleteExpiredCodesAndKeepTheOthers() throws Exception {
        SettableClock clock = new SettableClock(NOW);
        JdbcReplyCodes replyCodes = new JdbcReplyCodes(database().executor(), clock);
        replyCodes.save(HASH, GRANT, NOW).block();
        clock.advance(Duration.ofHours(1));
        ReplyGrant later = ReplyGrant.of(GRANT.getUsername(), GRANT.getDeviceId(), GRANT.getAction(), GRANT.getExpiresAt().plus(Duration.ofHours(1)));
        replyCodes.save(OTHER_HASH, later, clock.instant()).block();
        JdbcExpirySweep sweep = new JdbcExpirySweep(database().connections(), clock);

        clock.advance(VALIDITY.minusHours(1));

        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(replyCodeRows()).isEqualTo(1);
        assertThat(replyCodes.find(OTHER_HASH).block()).isEqualTo(later);
    }

    @Test
    default void saveShouldReplaceAnExpiredRowOfTheSameHashWhenNotSweptYet() {
        SettableClock clock = new SettableClock(NOW);
        JdbcReplyCodes replyCodes = new JdbcReplyCodes(database().executor(), clock);
        replyCodes.save(HASH, GRANT, NOW).block();
        clock.advance(VALIDITY);
        ReplyGrant again = ReplyGrant.of(GRANT.getUsername(), GRANT.getDeviceId(), GRANT.getAction(), clock.instant().plus(VALIDITY));

        replyCodes.save(HASH, again, clock.instant()).block();

        assertThat(replyCodes.find(HASH).block()).isEqualTo(again);
        assertThat(replyCodes.consume(HASH).block()).isTrue();
    }

    @Test
    default void consumeShouldSucceedForExactlyOneReplyWhenTwoJamesGetRepliesWithTheCodeAtOnce() {
        replyCodes().save(HASH, GRANT, NOW).block();
        try (JdbcConnections node1 = new JdbcConnections(database().settings(), 4);
             JdbcConnections node2 = new JdbcConnections(database().settings(), 4)) {
            List<ReplyCodes> nodes = List.of(
                new JdbcReplyCodes(new JdbcExecutor(node1), Clock.systemUTC()),
                new JdbcReplyCodes(new JdbcExecutor(node2), Clock.systemUTC()));

            List<Boolean> outcomes = Flux.range(0, REPLIES)
                .flatMap(i -> nodes.get(i % 2).consume(HASH).subscribeOn(Schedulers.parallel()), REPLIES)
                .collectList()
                .block();

            assertThat(outcomes).hasSize(REPLIES).containsOnlyOnce(true);
        }
    }
}
