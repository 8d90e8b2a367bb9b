package org.jamesclientid.bench;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.google.common.collect.ImmutableList;

/**
 * A benchmark account and the one device it signs in from (a mail client's per-account UUID).
 */
final class BenchAccount {
    static final String DOMAIN = "example.com";

    static List<BenchAccount> accounts(int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> new BenchAccount(String.format("bench-%02d@%s", i, DOMAIN), "bench-password-" + i, UUID.randomUUID().toString()))
            .collect(ImmutableList.toImmutableList());
    }

    final String username;
    final String password;
    final String deviceToken;

    private BenchAccount(String username, String password, String deviceToken) {
        this.username = username;
        this.password = password;
        this.deviceToken = deviceToken;
    }
}
