package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.activity.PasswordOnlySignInsContract;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraPasswordOnlySignInsTest implements PasswordOnlySignInsContract {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private CassandraPasswordOnlySignIns passwordOnlySignIns;

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @BeforeEach
    void setUp() {
        passwordOnlySignIns = new CassandraPasswordOnlySignIns(new CassandraPasswordOnlySignInDAO(cassandra.getSession()));
    }

    @Override
    public PasswordOnlySignIns passwordOnlySignIns() {
        return passwordOnlySignIns;
    }

    @Test
    void recordShouldWriteTheDayWithATtlOfThirtyOneDays() {
        record(ALICE, PLAIN, DAY_1_MORNING, WEBMAIL);

        int ttl = cassandra.getSession().execute("SELECT TTL(sign_ins) FROM clientid_password_only_signins").one().getInt(0);

        assertThat(ttl).isBetween((int) Duration.ofDays(31).minusMinutes(1).getSeconds(), (int) Duration.ofDays(31).getSeconds());
    }
}
