package org.jamesclientid.policy;

import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;

/**
 * The set of {@link TypeFlag}s configured for a client-id type.
 */
public final class TypeFlags {
    private static final ImmutableSet<TypeFlag> EXCLUSIVE = ImmutableSet.of(TypeFlag.IGNORE, TypeFlag.SESSION_ONLY);
    // user-log by default: account owners get sign-in notices without extra configuration.
    public static final TypeFlags DEFAULT = of(ImmutableSet.of(TypeFlag.SYSTEM_LOG, TypeFlag.USER_LOG, TypeFlag.AUTHENTICATE));
    /** No flag: an attempt without a device. */
    public static final TypeFlags NONE = of(ImmutableSet.of());

    /**
     * @throws IllegalArgumentException when {@code ignore} or {@code session-only} comes with another flag: both
     *     mean the identity is neither recorded nor used, which any other flag would contradict
     */
    public static TypeFlags of(Collection<TypeFlag> flags) {
        ImmutableSet<TypeFlag> set = ImmutableSet.copyOf(flags);
        // Checked before the message is built: this runs at every AUTH, where the flags are always valid.
        if (set.size() != 1 && !Sets.intersection(set, EXCLUSIVE).isEmpty()) {
            throw new IllegalArgumentException(EXCLUSIVE.stream().map(TypeFlag::asString).collect(Collectors.joining(" and "))
                + " must be alone, got " + asString(set));
        }
        return new TypeFlags(set);
    }

    private static String asString(Collection<TypeFlag> flags) {
        return flags.stream().map(TypeFlag::asString).collect(Collectors.joining(","));
    }

    private final ImmutableSet<TypeFlag> flags;

    private TypeFlags(ImmutableSet<TypeFlag> flags) {
        this.flags = flags;
    }

    public boolean contains(TypeFlag flag) {
        return flags.contains(flag);
    }

    /**
     * Whether the policy sees the identity at all. An ignored or session-only type never has {@code authenticate}.
     */
    public boolean isUsedForAuthentication() {
        return flags.contains(TypeFlag.AUTHENTICATE);
    }

    /**
     * Whether the engine computes a device id for the identity: to use it, log it or alert about it.
     */
    public boolean isProcessed() {
        return Sets.intersection(flags, EXCLUSIVE).isEmpty() && !flags.isEmpty();
    }

    public ImmutableSet<TypeFlag> asSet() {
        return flags;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof TypeFlags) {
            TypeFlags that = (TypeFlags) o;
            return Objects.equals(this.flags, that.flags);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(flags);
    }

    @Override
    public String toString() {
        return asString(flags);
    }
}
