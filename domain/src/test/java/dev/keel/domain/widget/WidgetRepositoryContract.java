package dev.keel.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.domain.common.Actor;
import dev.keel.domain.common.ConflictException;
import dev.keel.domain.common.KeysetPage;
import dev.keel.domain.common.PageRequest;
import dev.keel.domain.common.SoftDeletableRepositoryContract;
import dev.keel.domain.common.UuidV7Generator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link WidgetRepository}'s contract: the soft-deletable one, with widgets, plus what widgets add
 * (unique live names, lists by status, attachments). Run by the MyBatis adapter's test and the
 * in-memory fake's.
 */
public abstract class WidgetRepositoryContract extends SoftDeletableRepositoryContract<Widget, WidgetId> {

    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());
    private static final Actor ALICE = new Actor("alice");
    private static final Actor BOB = new Actor("bob");

    @Override
    protected abstract WidgetRepository repository();

    protected static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    protected static WidgetId newId() {
        return new WidgetId(IDS.newId());
    }

    /** A stored draft widget; microseconds, because PostgreSQL keeps no finer time. */
    protected final Widget newWidget(String name) {
        return repository().insert(draft(name));
    }

    private static Widget draft(String name) {
        return Widget.create(newId(), new WidgetName(name), Instant.now().truncatedTo(ChronoUnit.MICROS), ALICE);
    }

    @Override
    protected Widget newAggregate() {
        return draft(unique("Widget"));
    }

    @Override
    protected WidgetId idOf(Widget widget) {
        return widget.id();
    }

    @Override
    protected UUID keyOf(WidgetId id) {
        return id.value();
    }

    @Override
    protected long versionOf(Widget widget) {
        return widget.version();
    }

    @Override
    protected boolean isArchived(Widget widget) {
        return widget.isArchived();
    }

    @Override
    protected Widget changed(Widget widget) {
        return widget.rename(new WidgetName(unique("Renamed")), BOB);
    }

    @Override
    protected Map<String, Predicate<Widget>> otherFinders() {
        return Map.of("listLive by its status", widget -> idsListedBy(
                        page -> repository().listLive(Optional.of(widget.status()), page))
                .contains(widget.id()));
    }

    @Test
    void insertsAndFindsAWidgetAsStored() {
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Widget widget = Widget.create(newId(), new WidgetName(unique("Sprocket")), createdAt, ALICE);

        Widget stored = repository().insert(widget);

        assertThat(stored).isEqualTo(widget);
        assertThat(repository().findLive(widget.id())).contains(widget);
    }

    @Test
    void restoreBringsAWidgetBackAsItWas() {
        Widget widget = repository().update(newWidget(unique("Restored")).moveTo(WidgetStatus.ACTIVE, BOB), 0);
        repository().archive(widget.id(), Instant.now(), ARCHIVIST);

        assertThat(repository().restore(widget.id(), ARCHIVIST)).isTrue();

        Widget restored = repository().findLive(widget.id()).orElseThrow();
        assertThat(restored.name()).isEqualTo(widget.name());
        assertThat(restored.status()).isEqualTo(WidgetStatus.ACTIVE);
        assertThat(restored.createdAt()).isEqualTo(widget.createdAt());
        assertThat(restored.createdBy()).isEqualTo(ALICE);
    }

    @Test
    void recordsWhoCreatedAndWhoLastChangedAWidget() {
        Widget widget = newWidget(unique("Audited"));
        assertThat(widget.createdBy()).isEqualTo(ALICE);
        assertThat(widget.updatedBy()).isEqualTo(ALICE);

        Widget renamed = repository().update(changed(widget), widget.version());
        assertThat(renamed.createdBy()).as("after an update").isEqualTo(ALICE);
        assertThat(renamed.updatedBy()).isEqualTo(BOB);
        assertThat(repository().findLive(widget.id())).contains(renamed);

        repository().archive(widget.id(), Instant.now(), new Actor("carol"));
        Widget archived = repository().findIncludingArchived(widget.id()).orElseThrow();
        assertThat(archived.updatedBy()).as("after archive").isEqualTo(new Actor("carol"));

        repository().restore(widget.id(), new Actor("dave"));
        Widget restored = repository().findLive(widget.id()).orElseThrow();
        assertThat(restored.createdBy()).as("after restore").isEqualTo(ALICE);
        assertThat(restored.updatedBy()).isEqualTo(new Actor("dave"));
    }

    @Test
    void namesAreUniqueAmongLiveWidgetsOnly() {
        String name = unique("Unique");
        Widget first = newWidget(name);
        assertThatThrownBy(() -> newWidget(name))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(name);

        repository().archive(first.id(), Instant.now(), ARCHIVIST);
        Widget second = newWidget(name);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThatThrownBy(() -> repository().restore(first.id(), ARCHIVIST)).isInstanceOf(ConflictException.class);
        assertThat(repository().findLive(first.id())).isEmpty();
    }

    @Test
    void storesAttachments() {
        Widget widget = newWidget(unique("Attached"));
        Attachment file = new Attachment(widget.attachmentKey(IDS.newId()), "application/pdf", 1234, "0".repeat(64));

        repository().update(widget.attach(file, BOB), widget.version());

        assertThat(repository().findLive(widget.id()).orElseThrow().attachment())
                .isEqualTo(file);
    }

    @Test
    void keysetPagesByStatusNeitherSkipNorRepeatWhileRowsAreInserted() {
        String status = "RETIRED"; // a status only this test uses, so other tests' rows stay out
        Set<UUID> existing = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            Widget widget = newWidget(unique("Paged"));
            existing.add(repository()
                    .update(widget.moveTo(WidgetStatus.RETIRED, BOB), 0)
                    .id()
                    .value());
        }

        List<UUID> seen = new ArrayList<>();
        Optional<UUID> after = Optional.empty();
        int pages = 0;
        do {
            KeysetPage<Widget> page =
                    repository().listLive(Optional.of(WidgetStatus.valueOf(status)), new PageRequest(after, 5));
            page.items().forEach(widget -> seen.add(widget.id().value()));
            // Someone inserts while we page: newer rows sort before the cursor and must not disturb it.
            Widget inserted = newWidget(unique("Concurrent"));
            repository().update(inserted.moveTo(WidgetStatus.RETIRED, BOB), 0);
            after = page.next();
            assertThat(++pages).as("pages needed for %d rows", existing.size()).isLessThanOrEqualTo(100);
        } while (after.isPresent());

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(existing);
        // Newest first, in PostgreSQL's uuid order (unsigned bytes), so the cursor skips nothing.
        assertThat(seen).isSortedAccordingTo((a, b) -> {
            int high = Long.compareUnsigned(b.getMostSignificantBits(), a.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(b.getLeastSignificantBits(), a.getLeastSignificantBits());
        });
    }
}
