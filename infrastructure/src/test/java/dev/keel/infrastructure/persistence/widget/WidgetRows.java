package dev.keel.infrastructure.persistence.widget;

import dev.keel.domain.common.Actor;
import dev.keel.domain.common.UuidV7Generator;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetSamples;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationContext;

/** Stored widgets for the database tests of aggregates that refer to widgets (make new-aggregate's convention). */
public final class WidgetRows {

    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());

    private WidgetRows() {}

    /** Stores a sample widget through the adapter; returns its id. */
    public static WidgetId insertSample(ApplicationContext context) {
        var repository = new MyBatisWidgetRepository(context.getBean(WidgetMapper.class), WidgetConverter.INSTANCE);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return repository
                .insert(WidgetSamples.sample(new WidgetId(IDS.newId()), now, new Actor("sample")))
                .id();
    }
}
