package org.jamesclientid.activity;

import java.time.Clock;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;

class MemoryPasswordOnlySignInsTest implements PasswordOnlySignInsContract {
    private MemoryPasswordOnlySignIns passwordOnlySignIns;

    @BeforeEach
    void setUp() {
        // The store drops days older than its retention by its clock: the contract's days are recent for it.
        passwordOnlySignIns = new MemoryPasswordOnlySignIns(Clock.fixed(DAY_3_NOON, ZoneOffset.UTC));
    }

    @Override
    public PasswordOnlySignIns passwordOnlySignIns() {
        return passwordOnlySignIns;
    }
}
