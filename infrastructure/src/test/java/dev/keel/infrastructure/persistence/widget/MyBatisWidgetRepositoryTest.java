package dev.keel.infrastructure.persistence.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.test.TestServicesInitializer;
import dev.keel.domain.common.ConflictException;
import dev.keel.domain.common.KeysetPage;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.PageRequest;
import dev.keel.domain.common.StaleVersionException;
import dev.keel.domain.common.UuidV7Generator;
import dev.keel.domain.widget.Attachment;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetName;
import dev.keel.domain.widget.WidgetStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/** The widget repository port's contract, against the MyBatis adapter on a real PostgreSQL 17. */
@SpringBootTest
@ContextConfiguration(initializers = TestServicesInitializer.class)
class MyBatisWidgetRepositoryTest {

    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());

    @Autowired
    MyBatisWidgetRepository widgets;

    @Autowired
    JdbcTemplate jdbc;

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    private Widget newWidget(String name) {
        return widgets.insert(Widget.create(new WidgetId(IDS.newId()), new WidgetName(name),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void insertsAndFindsAWidgetAsStored() {
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Widget widget = Widget.create(new WidgetId(IDS.newId()), new WidgetName(unique("Sprocket")), createdAt);

        Widget stored = widgets.insert(widget);

        assertThat(stored).isEqualTo(widget);
        assertThat(widgets.findLive(widget.id())).contains(widget);
    }

    @Test
    void archivedWidgetsAreInvisibleToEveryFinderButOne() {
        Widget widget = newWidget(unique("Archived"));

        assertThat(widgets.archive(widget.id(), Instant.now())).isTrue();
        assertThat(widgets.archive(widget.id(), Instant.now())).isFalse();

        assertThat(widgets.findLive(widget.id())).isEmpty();
        assertThat(allLiveIds(Optional.empty())).doesNotContain(widget.id().value());
        assertThat(allLiveIds(Optional.of(WidgetStatus.DRAFT))).doesNotContain(widget.id().value());
        assertThat(widgets.findIncludingArchived(widget.id())).get().satisfies(w -> assertThat(w.isArchived()).isTrue());
        assertThatThrownBy(() -> widgets.update(widget, widget.version())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void restoreBringsAWidgetBack() {
        Widget widget = newWidget(unique("Restored"));
        widgets.archive(widget.id(), Instant.now());

        assertThat(widgets.restore(widget.id())).isTrue();
        assertThat(widgets.restore(widget.id())).isFalse();

        assertThat(widgets.findLive(widget.id())).get().extracting(Widget::name).isEqualTo(widget.name());
        assertThat(allLiveIds(Optional.empty())).contains(widget.id().value());
    }

    @Test
    void namesAreUniqueAmongLiveWidgetsOnly() {
        String name = unique("Unique");
        Widget first = newWidget(name);
        assertThatThrownBy(() -> newWidget(name)).isInstanceOf(ConflictException.class).hasMessageContaining(name);

        widgets.archive(first.id(), Instant.now());
        Widget second = newWidget(name);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThatThrownBy(() -> widgets.restore(first.id())).isInstanceOf(ConflictException.class);
        assertThat(widgets.findLive(first.id())).isEmpty();
    }

    @Test
    void updatesCheckTheVersionAndTheTriggerKeepsUpdatedAt() {
        Widget widget = newWidget(unique("Versioned"));

        Widget updated = widgets.update(widget.rename(new WidgetName(unique("Renamed"))).moveTo(WidgetStatus.ACTIVE), 0);

        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.status()).isEqualTo(WidgetStatus.ACTIVE);
        assertThat(updated.updatedAt()).isAfter(widget.updatedAt());
        assertThat(updated.createdAt()).isEqualTo(widget.createdAt());
        assertThatThrownBy(() -> widgets.update(widget.rename(new WidgetName(unique("Lost"))), 0))
                .isInstanceOf(StaleVersionException.class)
                .satisfies(e -> assertThat(((StaleVersionException) e).currentVersion()).isEqualTo(1));
        assertThat(widgets.findLive(widget.id())).get().extracting(Widget::name).isEqualTo(updated.name());
    }

    @Test
    void storesAttachments() {
        Widget widget = newWidget(unique("Attached"));
        Attachment file = new Attachment(widget.attachmentKey(IDS.newId()), "application/pdf", 1234, "0".repeat(64));

        widgets.update(widget.attach(file), widget.version());

        assertThat(widgets.findLive(widget.id()).orElseThrow().attachment()).isEqualTo(file);
    }

    @Test
    void keysetPagesNeitherSkipNorRepeatWhileRowsAreInserted() {
        String status = "RETIRED"; // a status only this test uses, so other tests' rows stay out
        Set<UUID> existing = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            Widget widget = newWidget(unique("Paged"));
            existing.add(widgets.update(widget.moveTo(WidgetStatus.RETIRED), 0).id().value());
        }

        List<UUID> seen = new ArrayList<>();
        Optional<UUID> after = Optional.empty();
        int pages = 0;
        do {
            KeysetPage<Widget> page = widgets.listLive(Optional.of(WidgetStatus.valueOf(status)), new PageRequest(after, 5));
            page.items().forEach(widget -> seen.add(widget.id().value()));
            // Someone inserts while we page: newer rows sort before the cursor and must not disturb it.
            Widget inserted = newWidget(unique("Concurrent"));
            widgets.update(inserted.moveTo(WidgetStatus.RETIRED), 0);
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

    @Test
    void theDatabaseRefusesHardDeletes() {
        Widget widget = newWidget(unique("Undeletable"));

        assertThatThrownBy(() -> jdbc.update("DELETE FROM widget WHERE id = ?", widget.id().value()))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("rows of widget are never deleted");
        assertThat(widgets.findLive(widget.id())).isPresent();
    }

    @Test
    void unknownIdsAreNotFound() {
        WidgetId unknown = new WidgetId(IDS.newId());
        assertThat(widgets.findIncludingArchived(unknown)).isEmpty();
        assertThatThrownBy(() -> widgets.archive(unknown, Instant.now())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> widgets.restore(unknown)).isInstanceOf(NotFoundException.class);
    }

    private List<UUID> allLiveIds(Optional<WidgetStatus> status) {
        List<UUID> ids = new ArrayList<>();
        Optional<UUID> after = Optional.empty();
        do {
            KeysetPage<Widget> page = widgets.listLive(status, new PageRequest(after, PageRequest.MAX_LIMIT));
            page.items().forEach(widget -> ids.add(widget.id().value()));
            after = page.next();
        } while (after.isPresent());
        return ids;
    }
}
