package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jamesclientid.core.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.common.base.Strings;

class DeviceIdFactoryTest {
    static final String SECRET = "an-example-secret-of-at-least-32-characters";
    static final String TOKEN = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";

    DeviceIdFactory factory = DeviceIdFactory.withSecret(SECRET);

    @Test
    void deviceIdShouldBeTheFirstTwelveBytesOfHmacSha256OfTypeSpaceToken() {
        // printf 'UUID 23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3' | openssl dgst -sha256 -hmac '<SECRET>'
        assertThat(factory.deviceId(ClientId.of("UUID", TOKEN))).isEqualTo(DeviceId.of("813a2a3a3c5f306e23efc114"));
    }

    @Test
    void deviceIdShouldStayTheSameWhenOneThreadComputesManyInARow() {
        // Each thread reuses one Mac: a state left over from the previous id would change the next one.
        factory.deviceId(ClientId.of("UUID", "another-token-first"));

        assertThat(factory.deviceId(ClientId.of("UUID", TOKEN))).isEqualTo(DeviceId.of("813a2a3a3c5f306e23efc114"));
        assertThat(factory.deviceId(ClientId.of("UUID", TOKEN))).isEqualTo(DeviceId.of("813a2a3a3c5f306e23efc114"));
    }

    @Test
    void deviceIdShouldBeTheSameWhenComputedByManyThreadsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<DeviceId>> ids = threads.invokeAll(Collections.nCopies(2000, () -> factory.deviceId(ClientId.of("UUID", TOKEN))));
            for (Future<DeviceId> id : ids) {
                assertThat(id.get()).isEqualTo(DeviceId.of("813a2a3a3c5f306e23efc114"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void deviceIdShouldBeTheSameWhenComputedByAnotherNodeWithTheSameSecret() {
        assertThat(DeviceIdFactory.withSecret(SECRET).deviceId(ClientId.of("UUID", TOKEN)))
            .isEqualTo(factory.deviceId(ClientId.of("UUID", TOKEN)));
    }

    @Test
    void deviceIdShouldIgnoreTheCaseOfTheType() {
        assertThat(factory.deviceId(ClientId.of("uuid", TOKEN))).isEqualTo(factory.deviceId(ClientId.of("UUID", TOKEN)));
    }

    @Test
    void deviceIdShouldDifferWhenTokenCaseDiffers() {
        assertThat(factory.deviceId(ClientId.of("KEY", "AbC"))).isNotEqualTo(factory.deviceId(ClientId.of("KEY", "abc")));
    }

    @Test
    void deviceIdShouldDifferWhenTypeDiffers() {
        assertThat(factory.deviceId(ClientId.of("UUID", TOKEN))).isNotEqualTo(factory.deviceId(ClientId.of("MAC", TOKEN)));
    }

    @Test
    void deviceIdShouldDifferWhenSecretDiffers() {
        DeviceIdFactory other = DeviceIdFactory.withSecret(Strings.repeat("x", 32));

        assertThat(other.deviceId(ClientId.of("UUID", TOKEN))).isNotEqualTo(factory.deviceId(ClientId.of("UUID", TOKEN)));
    }

    @Test
    void deviceIdShouldNotBeAmbiguousWhenTypeAndTokenShareAHyphen() {
        assertThat(factory.deviceId(ClientId.of("A-B", "C"))).isNotEqualTo(factory.deviceId(ClientId.of("A", "B-C")));
    }

    @Test
    void withSecretShouldThrowWhenSecretIsShorterThanThirtyTwoCharacters() {
        assertThatThrownBy(() -> DeviceIdFactory.withSecret(Strings.repeat("x", 31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceIdFactory.withSecret(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShouldNotShowTheSecret() {
        assertThat(factory.toString()).doesNotContain(SECRET).doesNotContain("an-example");
    }

    @ParameterizedTest(name = "S4 hint of ''{0}'' is ''{1}''")
    @CsvSource({
        "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3, 23bf...d1a3",
        "abcdefghijklm, abcd...jklm",
        "abcdefghijkl, ab...",
        "abcd, ab...",
        "abc, a...",
        "a, ...",
    })
    void hintShouldShowOnlyTheEdgesOfTheToken(String token, String hint) {
        assertThat(DeviceIdFactory.hint(ClientId.of("UUID", token))).isEqualTo(hint);
    }

    @Test
    void hintShouldNeverContainTheWholeToken() {
        for (int length = 1; length <= ClientId.MAX_TOKEN_LENGTH; length++) {
            String token = Strings.repeat("z", length - 1) + "q";

            assertThat(DeviceIdFactory.hint(ClientId.of("UUID", token))).doesNotContain(token);
        }
    }

    @Test
    void previousDeviceIdShouldBeEmptyWithoutRotation() {
        assertThat(factory.previousDeviceId(ClientId.of("UUID", TOKEN))).isEmpty();
    }

    @Test
    void previousDeviceIdShouldBeTheIdUnderThePreviousSecret() {
        String newSecret = Strings.repeat("n", 40);
        DeviceIdFactory rotating = DeviceIdFactory.withSecret(newSecret).withPrevious(SECRET);

        assertThat(rotating.previousDeviceId(ClientId.of("UUID", TOKEN))).contains(DeviceId.of("813a2a3a3c5f306e23efc114"));
        assertThat(rotating.deviceId(ClientId.of("UUID", TOKEN))).isEqualTo(DeviceIdFactory.withSecret(newSecret).deviceId(ClientId.of("UUID", TOKEN)));
    }

    @Test
    void withPreviousShouldThrowWhenThePreviousSecretIsTheSecret() {
        assertThatThrownBy(() -> factory.withPrevious(SECRET)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withPreviousShouldThrowWhenThePreviousSecretIsTooShort() {
        assertThatThrownBy(() -> factory.withPrevious(Strings.repeat("x", 31))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShouldHideBothSecrets() {
        String previous = Strings.repeat("p", 40);

        assertThat(factory.withPrevious(previous).toString()).doesNotContain(SECRET).doesNotContain(previous);
    }
}
