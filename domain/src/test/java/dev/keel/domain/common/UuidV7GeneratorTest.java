package dev.keel.domain.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");

    @Test
    void makesVersion7IdsCarryingTheClocksMillisecond() {
        UUID id = new UuidV7Generator(Clock.fixed(NOW, ZoneOffset.UTC)).newId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void idsMadeInTheSameMillisecondKeepTheirOrder() {
        IdGenerator generator = new UuidV7Generator(Clock.fixed(NOW, ZoneOffset.UTC));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(generator.newId());
        }

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo(UuidV7GeneratorTest::compareUnsigned);
    }

    @Test
    void laterClocksGiveLargerIds() {
        UUID earlier = new UuidV7Generator(Clock.fixed(NOW, ZoneOffset.UTC)).newId();
        UUID later = new UuidV7Generator(Clock.fixed(NOW.plusMillis(1), ZoneOffset.UTC)).newId();

        assertThat(compareUnsigned(earlier, later)).isNegative();
    }

    /** PostgreSQL orders uuid values as unsigned bytes; java.util.UUID.compareTo does not. */
    static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
