package org.jamesclientid.limit;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;

class MemoryThrottlesTest implements ThrottlesContract {
    private MemoryLimits limits;

    @BeforeEach
    void setUp() {
        limits = new MemoryLimits(Clock.systemUTC());
    }

    @Override
    public Throttles throttles() {
        return limits;
    }
}
