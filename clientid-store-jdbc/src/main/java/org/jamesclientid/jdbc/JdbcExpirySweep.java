package org.jamesclientid.jdbc;

import java.io.Closeable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.util.concurrent.ThreadFactoryBuilder;

/**
 * Deletes the expired rows of every CLIENTID table at a fixed interval ({@code clientid.jdbc.sweepInterval}): the
 * queries already ignore them, the sweep gives the room back. One {@code DELETE ... WHERE expires_at <= now} per table,
 * on the expiry index.
 */
public class JdbcExpirySweep implements Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(JdbcExpirySweep.class);

    private final JdbcConnections connections;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
        .setNameFormat("clientid-jdbc-sweep-%d")
        .setDaemon(true)
        .build());

    public JdbcExpirySweep(JdbcConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::sweepAndLog, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepAndLog() {
        try {
            int deleted = sweep();
            if (deleted > 0) {
                LOGGER.debug("CLIENTID: {} expired rows deleted", deleted);
            }
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; the queries ignore expired rows meanwhile.
            LOGGER.warn("CLIENTID: the sweep of expired rows failed", e);
        }
    }

    /**
     * @return the rows deleted
     */
    @VisibleForTesting
    public int sweep() throws SQLException {
        long now = clock.instant().toEpochMilli();
        int deleted = 0;
        for (String table : JdbcTables.EXPIRING) {
            deleted += connections.withConnection(connection -> JdbcExecutor.update(connection,
                "DELETE FROM " + table + " WHERE " + JdbcTables.EXPIRES_AT + " <= ?", statement -> statement.setLong(1, now)));
        }
        return deleted;
    }

    @VisibleForTesting
    boolean isStopped() {
        return scheduler.isShutdown();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
