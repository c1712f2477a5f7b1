package dev.keel.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeyTest {

    @Test
    void joinsSegmentsWithSlashes() {
        assertThat(StorageKey.of("widgets", "0190b7e2-1c3a-7d4e-8f00-1234567890ab", "attachment")
                        .value())
                .isEqualTo("widgets/0190b7e2-1c3a-7d4e-8f00-1234567890ab/attachment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/leading", "trailing/", "a//b", "a/../b", "spaces are out", "semi;colon", "ü"})
    void rejectsKeysThatCouldEscapeOrConfuse(String key) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StorageKey(key))
                .withMessageContaining("safe storage key");
    }

    @Test
    void rejectsKeysLongerThanS3Allows() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StorageKey("k".repeat(1025)));
        assertThat(new StorageKey("k".repeat(1024)).value()).hasSize(1024);
    }
}
