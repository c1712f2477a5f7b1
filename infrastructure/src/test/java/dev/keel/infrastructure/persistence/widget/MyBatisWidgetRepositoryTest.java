package dev.keel.infrastructure.persistence.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.domain.common.Actor;
import dev.keel.domain.common.StaleVersionException;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetName;
import dev.keel.domain.widget.WidgetRepository;
import dev.keel.domain.widget.WidgetRepositoryContract;
import dev.keel.domain.widget.WidgetStatus;
import dev.keel.tools.devservices.test.TestServicesInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The widget repository port's contract, against the MyBatis adapter on a real PostgreSQL 17,
 * plus what only the database does: the updated_at trigger, the refusal of hard deletes, and the
 * columns that say who did it.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestServicesInitializer.class)
class MyBatisWidgetRepositoryTest extends WidgetRepositoryContract {

    private static final Actor BOB = new Actor("bob");

    private final MyBatisWidgetRepository widgets;
    private final JdbcTemplate jdbc;

    @Autowired
    MyBatisWidgetRepositoryTest(WidgetMapper mapper, JdbcTemplate jdbc) {
        this.widgets = new MyBatisWidgetRepository(mapper, WidgetConverter.INSTANCE);
        this.jdbc = jdbc;
    }

    @Override
    protected WidgetRepository repository() {
        return widgets;
    }

    @Test
    void updatesCheckTheVersionAndTheTriggerKeepsUpdatedAt() {
        Widget widget = newWidget(unique("Versioned"));

        Widget updated = widgets.update(
                widget.rename(new WidgetName(unique("Renamed")), BOB).moveTo(WidgetStatus.ACTIVE, BOB), 0);

        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.status()).isEqualTo(WidgetStatus.ACTIVE);
        assertThat(updated.updatedAt()).isAfter(widget.updatedAt());
        assertThat(updated.createdAt()).isEqualTo(widget.createdAt());
        assertThatThrownBy(() -> widgets.update(widget.rename(new WidgetName(unique("Lost")), BOB), 0))
                .isInstanceOf(StaleVersionException.class)
                .satisfies(e ->
                        assertThat(((StaleVersionException) e).currentVersion()).isEqualTo(1));
        assertThat(widgets.findLive(widget.id())).get().extracting(Widget::name).isEqualTo(updated.name());
    }

    @Test
    void theDatabaseRefusesHardDeletes() {
        Widget widget = newWidget(unique("Undeletable"));

        assertThatThrownBy(() -> jdbc.update(
                        "DELETE FROM widget WHERE id = ?", widget.id().value()))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("rows of widget are never deleted");
        assertThat(widgets.findLive(widget.id())).isPresent();
    }

    @Test
    void theRowSaysWhoCreatedItAndWhoChangedItLast() {
        Widget widget = newWidget(unique("Audited"));
        widgets.update(widget.moveTo(WidgetStatus.ACTIVE, BOB), 0);

        assertThat(jdbc.queryForMap(
                        "SELECT created_by, updated_by FROM widget WHERE id = ?",
                        widget.id().value()))
                .containsEntry("created_by", widget.createdBy().subject())
                .containsEntry("updated_by", "bob");
    }
}
