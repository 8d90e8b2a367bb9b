package org.jamesclientid.reply;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.util.DurationParser;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * How long the codes of a notice's reply addresses stay valid: {@code clientid.reply.validity} (default {@code 72h},
 * James' duration syntax). Long enough for an owner back from a weekend, short enough that an old notice found in a
 * mailbox later is of no use.
 */
public final class ReplyConfiguration {
    public static final String VALIDITY = "clientid.reply.validity";
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(72);
    public static final ReplyConfiguration DEFAULT = of(DEFAULT_VALIDITY);

    public static ReplyConfiguration of(Duration validity) {
        Preconditions.checkNotNull(validity, "'validity' is mandatory");
        Preconditions.checkArgument(!validity.isNegative() && !validity.isZero(), "'validity' must be positive");
        return new ReplyConfiguration(validity);
    }

    public static ReplyConfiguration from(Configuration configuration) throws ConfigurationException {
        String validity = configuration.getString(VALIDITY, "").trim();
        if (validity.isEmpty()) {
            return DEFAULT;
        }
        Duration parsed;
        try {
            parsed = DurationParser.parse(validity, ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new ConfigurationException(VALIDITY + ": expected a positive duration such as 24h or 3d, got '" + validity + "'", e);
        }
        if (parsed.isZero() || parsed.isNegative()) {
            throw new ConfigurationException(VALIDITY + ": expected a positive duration such as 24h or 3d, got '" + validity + "'");
        }
        return of(parsed);
    }

    private final Duration validity;

    private ReplyConfiguration(Duration validity) {
        this.validity = validity;
    }

    public Duration getValidity() {
        return validity;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ReplyConfiguration) {
            ReplyConfiguration that = (ReplyConfiguration) o;
            return Objects.equals(this.validity, that.validity);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(validity);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("validity", validity)
            .toString();
    }
}
