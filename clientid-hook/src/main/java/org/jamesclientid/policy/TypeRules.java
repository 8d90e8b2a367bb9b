package org.jamesclientid.policy;

import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;

/**
 * What the server does with each client-id type: accepted or not (P2, P3, P9) and its flags (section 6.5).
 * Type names are kept in upper case, as {@link org.jamesclientid.core.ClientId} does.
 */
public final class TypeRules {
    public static final String TYPES_ALLOWED = "clientid.types.allowed";
    public static final String TYPES_DENIED = "clientid.types.denied";
    public static final String TYPE_PREFIX = "clientid.type";
    public static final String DEFAULT_TYPE = "default";
    public static final TypeRules DEFAULT = new TypeRules(ImmutableSet.of(), ImmutableSet.of(), TypeFlags.DEFAULT, ImmutableMap.of());

    private static final Pattern TYPE_FLAGS_KEY = Pattern.compile("clientid\\.type\\.([^.]+)\\.flags");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9-]{1,16}");

    static TypeRules from(Configuration configuration, PolicyConfigurationReader reader) throws ConfigurationException {
        ImmutableSet<String> allowed = types(reader, TYPES_ALLOWED);
        ImmutableSet<String> denied = types(reader, TYPES_DENIED);
        if (!Sets.intersection(allowed, denied).isEmpty()) {
            throw new ConfigurationException(TYPES_DENIED + " and " + TYPES_ALLOWED + " both list " + Sets.intersection(allowed, denied));
        }
        TypeFlags defaultFlags = TypeFlags.DEFAULT;
        ImmutableMap.Builder<String, TypeFlags> byType = ImmutableMap.builder();
        Iterator<String> keys = configuration.getKeys(TYPE_PREFIX);
        while (keys.hasNext()) {
            String key = keys.next();
            Matcher matcher = TYPE_FLAGS_KEY.matcher(key);
            if (!matcher.matches()) {
                // Most likely a typo: better refuse to start than silently use other flags.
                throw new ConfigurationException("Unknown key " + key + ", expecting " + TYPE_PREFIX + ".<TYPE>.flags");
            }
            if (matcher.group(1).equalsIgnoreCase(DEFAULT_TYPE)) {
                defaultFlags = flags(reader, key);
            } else {
                byType.put(typeName(key, matcher.group(1)), flags(reader, key));
            }
        }
        try {
            return new TypeRules(allowed, denied, defaultFlags, byType.buildOrThrow());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("A client-id type has flags under two spellings: " + e.getMessage(), e);
        }
    }

    private static ImmutableSet<String> types(PolicyConfigurationReader reader, String key) throws ConfigurationException {
        ImmutableSet.Builder<String> types = ImmutableSet.builder();
        for (String type : reader.list(key)) {
            types.add(typeName(key, type));
        }
        return types.build();
    }

    private static String typeName(String key, String type) throws ConfigurationException {
        if (!TYPE_NAME.matcher(type).matches()) {
            throw PolicyConfigurationReader.invalid(key, type, "client-id types of 1 to 16 letters, digits or '-'");
        }
        return type.toUpperCase(Locale.US);
    }

    private static TypeFlags flags(PolicyConfigurationReader reader, String key) throws ConfigurationException {
        ImmutableSet.Builder<TypeFlag> flags = ImmutableSet.builder();
        for (String flag : reader.list(key)) {
            try {
                flags.add(TypeFlag.parse(flag));
            } catch (IllegalArgumentException e) {
                throw PolicyConfigurationReader.invalid(key, flag, "a comma list of " + TypeFlag.ALLOWED_VALUES, e);
            }
        }
        try {
            return TypeFlags.of(flags.build());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage(), e);
        }
    }

    private final ImmutableSet<String> allowed;
    private final ImmutableSet<String> denied;
    private final TypeFlags defaultFlags;
    private final ImmutableMap<String, TypeFlags> flagsByType;

    private TypeRules(ImmutableSet<String> allowed, ImmutableSet<String> denied, TypeFlags defaultFlags,
                      ImmutableMap<String, TypeFlags> flagsByType) {
        this.allowed = allowed;
        this.denied = denied;
        this.defaultFlags = defaultFlags;
        this.flagsByType = flagsByType;
    }

    /**
     * Not denied, and allowed when there is an allow list. Without rules every type passes, known to the server or
     * not (P9).
     */
    public boolean isAccepted(String type) {
        String normalized = type.toUpperCase(Locale.US);
        return !denied.contains(normalized) && (allowed.isEmpty() || allowed.contains(normalized));
    }

    public TypeFlags flags(String type) {
        return Optional.ofNullable(flagsByType.get(type.toUpperCase(Locale.US))).orElse(defaultFlags);
    }

    public ImmutableSet<String> getAllowed() {
        return allowed;
    }

    public ImmutableSet<String> getDenied() {
        return denied;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof TypeRules) {
            TypeRules that = (TypeRules) o;
            return Objects.equals(this.allowed, that.allowed)
                && Objects.equals(this.denied, that.denied)
                && Objects.equals(this.defaultFlags, that.defaultFlags)
                && Objects.equals(this.flagsByType, that.flagsByType);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(allowed, denied, defaultFlags, flagsByType);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("allowed", allowed)
            .add("denied", denied)
            .add("defaultFlags", defaultFlags)
            .add("flagsByType", flagsByType)
            .toString();
    }
}
