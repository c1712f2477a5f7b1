package dev.keel.domain.common;

import com.github.f4b6a3.uuid.factory.standard.TimeOrderedEpochFactory;
import java.time.Clock;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562) from uuid-creator: time-ordered, so ids sort by creation and B-tree inserts
 * stay at the right edge; monotonic within a millisecond, so ids made together keep their order.
 */
public final class UuidV7Generator implements IdGenerator {

    private final TimeOrderedEpochFactory factory;

    public UuidV7Generator(Clock clock) {
        this.factory = TimeOrderedEpochFactory.builder()
                .withClock(clock)
                .withIncrementPlus1()
                .build();
    }

    @Override
    public UUID newId() {
        return factory.create();
    }
}
