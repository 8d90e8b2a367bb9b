package org.jamesclientid.limit;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;

class MemoryFailureCountersTest implements FailureCountersContract {
    private MemoryLimits limits;

    @BeforeEach
    void setUp() {
        limits = new MemoryLimits(Clock.systemUTC());
    }

    @Override
    public FailureCounters failureCounters() {
        return limits;
    }
}
