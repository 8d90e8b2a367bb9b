package org.jamesclientid.policy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.util.DurationParser;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;

/**
 * Reads typed values from {@code clientid.properties}, naming the key and the value in every error.
 *
 * <p>James reads properties files with ',' as list delimiter: {@code getString} would silently keep the first element
 * of "a,b". Values are therefore read as arrays, and a list where a single value is expected is an error.</p>
 */
class PolicyConfigurationReader {
    private static final Splitter COMMA = Splitter.on(',').trimResults().omitEmptyStrings();

    private final Configuration configuration;

    PolicyConfigurationReader(Configuration configuration) {
        this.configuration = configuration;
    }

    /**
     * Empty when the key is missing or blank.
     */
    Optional<String> single(String key) throws ConfigurationException {
        ImmutableList<String> values = list(key);
        if (values.size() > 1) {
            throw new ConfigurationException(key + " expects a single value, got '" + String.join(",", values) + "'");
        }
        return values.stream().findFirst();
    }

    ImmutableList<String> list(String key) {
        return Arrays.stream(configuration.getStringArray(key))
            .flatMap(value -> COMMA.splitToStream(value))
            .collect(ImmutableList.toImmutableList());
    }

    boolean bool(String key, boolean defaultValue) throws ConfigurationException {
        Optional<String> value = single(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        switch (value.get().toLowerCase(Locale.US)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw invalid(key, value.get(), "true or false");
        }
    }

    int positiveInt(String key, int defaultValue) throws ConfigurationException {
        return parse(key, defaultValue, "a positive whole number", Integer::parseInt, value -> value > 0);
    }

    /**
     * James' duration syntax ({@code 30s}, {@code 15m}, {@code 1h}, {@code 2d}); a plain number is seconds.
     */
    Duration positiveDuration(String key, Duration defaultValue) throws ConfigurationException {
        return parse(key, defaultValue, "a positive duration such as 30s, 15m, 1h or 2d",
            value -> DurationParser.parse(value, ChronoUnit.SECONDS),
            value -> !value.isZero() && !value.isNegative());
    }

    <T> T parse(String key, T defaultValue, String expected, Function<String, T> parser) throws ConfigurationException {
        return parse(key, defaultValue, expected, parser, any -> true);
    }

    private <T> T parse(String key, T defaultValue, String expected, Function<String, T> parser, Predicate<T> valid)
            throws ConfigurationException {
        Optional<String> value = single(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        T parsed;
        try {
            parsed = parser.apply(value.get());
        } catch (IllegalArgumentException e) {
            // NumberFormatException included
            throw invalid(key, value.get(), expected, e);
        }
        if (!valid.test(parsed)) {
            throw invalid(key, value.get(), expected);
        }
        return parsed;
    }

    static ConfigurationException invalid(String key, String value, String expected) {
        return new ConfigurationException(key + " must be " + expected + ", got '" + value + "'");
    }

    static ConfigurationException invalid(String key, String value, String expected, Exception cause) {
        return new ConfigurationException(key + " must be " + expected + ", got '" + value + "'", cause);
    }
}
