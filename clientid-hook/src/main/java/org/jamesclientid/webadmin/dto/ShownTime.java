package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as WebAdmin shows them: to the second, so that JSON reads {@code 2026-11-27T10:00:00Z} whatever the clock's
 * precision.
 */
final class ShownTime {
    static Instant of(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private ShownTime() {
    }
}
