package dev.keel.application.widget.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.application.common.Transactions;
import dev.keel.application.widget.port.in.CreateWidgetCommand;
import dev.keel.application.widget.port.in.ListWidgetsQuery;
import dev.keel.application.widget.port.in.UpdateWidgetCommand;
import dev.keel.domain.common.Actor;
import dev.keel.domain.common.ConflictException;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.PageRequest;
import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.common.StaleVersionException;
import dev.keel.domain.common.UuidV7Generator;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetName;
import dev.keel.domain.widget.WidgetStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WidgetServiceTest {

    static final Actor ALICE = new Actor("alice");
    static final Actor BOB = new Actor("bob");

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** Counts the transactions the service opens, to prove every use case runs inside one. */
    static final class CountingTransactions implements Transactions {
        int writes;
        int reads;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            writes++;
            return work.get();
        }

        @Override
        public <T> T readOnly(Supplier<T> work) {
            reads++;
            return work.get();
        }
    }

    private final InMemoryWidgetRepository repository = new InMemoryWidgetRepository();
    private final CountingTransactions transactions = new CountingTransactions();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WidgetService service =
            new WidgetService(repository, transactions, new UuidV7Generator(clock), clock);

    @Test
    void createsADraftStampedByTheInjectedClockInOneTransaction() {
        Widget widget = service.create(CreateWidgetCommand.of("Sprocket", ALICE));

        assertThat(widget.status()).isEqualTo(WidgetStatus.DRAFT);
        assertThat(widget.createdAt()).isEqualTo(NOW);
        assertThat(widget.id().value().version()).isEqualTo(7);
        assertThat(transactions.writes).isEqualTo(1);
        assertThat(service.get(widget.id())).isEqualTo(widget);
    }

    @Test
    void theCreatorStaysAndEachChangeRecordsItsActor() {
        Widget widget = service.create(CreateWidgetCommand.of("Audited", ALICE));
        assertThat(widget.createdBy()).isEqualTo(ALICE);
        assertThat(widget.updatedBy()).isEqualTo(ALICE);

        Widget updated = service.update(
                new UpdateWidgetCommand(widget.id(), 0, Optional.empty(), Optional.of(WidgetStatus.ACTIVE), BOB));
        assertThat(updated.createdBy()).isEqualTo(ALICE);
        assertThat(updated.updatedBy()).isEqualTo(BOB);

        Actor dave = new Actor("dave");
        Widget emptyUpdate = service.update(
                new UpdateWidgetCommand(widget.id(), updated.version(), Optional.empty(), Optional.empty(), dave));
        assertThat(emptyUpdate.version()).as("an empty update still writes").isGreaterThan(updated.version());
        assertThat(emptyUpdate.updatedBy()).isEqualTo(dave);

        Actor carol = new Actor("carol");
        service.archive(widget.id(), carol);
        assertThat(repository.findIncludingArchived(widget.id()).orElseThrow().updatedBy())
                .isEqualTo(carol);
        Widget restored = service.restore(widget.id(), Actor.system());
        assertThat(restored.createdBy()).isEqualTo(ALICE);
        assertThat(restored.updatedBy()).isEqualTo(Actor.system());
    }

    @Test
    void everyUseCaseRunsInOneTransaction() {
        Widget widget = service.create(CreateWidgetCommand.of("Counted", ALICE));
        service.get(widget.id());
        service.list(new ListWidgetsQuery(Optional.empty(), PageRequest.first(10)));
        service.update(new UpdateWidgetCommand(
                widget.id(), 0, Optional.of(new WidgetName("Counted again")), Optional.empty(), BOB));
        service.archive(widget.id(), ALICE);
        service.restore(widget.id(), ALICE);

        assertThat(transactions.writes).isEqualTo(4);
        assertThat(transactions.reads).isEqualTo(2);
    }

    @Test
    void aStaleVersionIsReportedBeforeTheChangeIsJudged() {
        Widget widget = service.create(CreateWidgetCommand.of("Judged", ALICE));
        service.update(
                new UpdateWidgetCommand(widget.id(), 0, Optional.empty(), Optional.of(WidgetStatus.RETIRED), BOB));

        // Moving a retired widget back is a rule violation, but the caller's version is the news.
        assertThatThrownBy(() -> service.update(new UpdateWidgetCommand(
                        widget.id(), 0, Optional.empty(), Optional.of(WidgetStatus.ACTIVE), BOB)))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    void namesAreUniqueAmongLiveWidgetsOnly() {
        Widget first = service.create(CreateWidgetCommand.of("Sprocket", ALICE));
        assertThatThrownBy(() -> service.create(CreateWidgetCommand.of("Sprocket", ALICE)))
                .isInstanceOf(ConflictException.class);

        service.archive(first.id(), ALICE);
        Widget second = service.create(CreateWidgetCommand.of("Sprocket", ALICE));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThatThrownBy(() -> service.restore(first.id(), ALICE)).isInstanceOf(ConflictException.class);
    }

    @Test
    void archivedWidgetsAreNotFoundUntilRestored() {
        Widget widget = service.create(CreateWidgetCommand.of("Cog", ALICE));

        service.archive(widget.id(), ALICE);
        service.archive(widget.id(), ALICE);
        assertThatThrownBy(() -> service.get(widget.id())).isInstanceOf(NotFoundException.class);

        assertThat(service.restore(widget.id(), ALICE).name().value()).isEqualTo("Cog");
        assertThat(service.get(widget.id()).isArchived()).isFalse();
    }

    @Test
    void updatesNeedTheCurrentVersion() {
        Widget widget = service.create(CreateWidgetCommand.of("Gear", ALICE));

        Widget updated = service.update(new UpdateWidgetCommand(
                widget.id(),
                widget.version(),
                Optional.of(new WidgetName("Big gear")),
                Optional.of(WidgetStatus.ACTIVE),
                BOB));

        assertThat(updated.name().value()).isEqualTo("Big gear");
        assertThat(updated.status()).isEqualTo(WidgetStatus.ACTIVE);
        assertThatThrownBy(() -> service.update(new UpdateWidgetCommand(
                        widget.id(),
                        widget.version(),
                        Optional.of(new WidgetName("Lost update")),
                        Optional.empty(),
                        BOB)))
                .isInstanceOf(StaleVersionException.class);
        assertThat(service.get(widget.id()).name().value()).isEqualTo("Big gear");
    }

    @Test
    void refusesStatusMovesTheDomainForbids() {
        Widget widget = service.create(CreateWidgetCommand.of("Lever", ALICE));
        Widget retired = service.update(
                new UpdateWidgetCommand(widget.id(), 0, Optional.empty(), Optional.of(WidgetStatus.RETIRED), BOB));

        assertThatThrownBy(() -> service.update(new UpdateWidgetCommand(
                        widget.id(), retired.version(), Optional.empty(), Optional.of(WidgetStatus.ACTIVE), BOB)))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void listsLiveWidgetsNewestFirstByStatusInPages() {
        for (int i = 0; i < 5; i++) {
            service.create(CreateWidgetCommand.of("Widget " + i, ALICE));
        }
        var firstPage = service.list(new ListWidgetsQuery(Optional.empty(), PageRequest.first(3)));
        var secondPage = service.list(new ListWidgetsQuery(Optional.empty(), new PageRequest(firstPage.next(), 3)));

        assertThat(firstPage.items())
                .extracting(w -> w.name().value())
                .containsExactly("Widget 4", "Widget 3", "Widget 2");
        assertThat(secondPage.items()).extracting(w -> w.name().value()).containsExactly("Widget 1", "Widget 0");
        assertThat(secondPage.next()).isEmpty();
        assertThat(service.list(new ListWidgetsQuery(Optional.of(WidgetStatus.ACTIVE), PageRequest.first(3)))
                        .items())
                .isEmpty();
    }

    @Test
    void unknownIdsAreNotFound() {
        Widget widget = Widget.create(
                new dev.keel.domain.widget.WidgetId(new UuidV7Generator(clock).newId()),
                new WidgetName("Ghost"),
                NOW,
                ALICE);
        assertThatThrownBy(() -> service.get(widget.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.archive(widget.id(), ALICE)).isInstanceOf(NotFoundException.class);
    }
}
