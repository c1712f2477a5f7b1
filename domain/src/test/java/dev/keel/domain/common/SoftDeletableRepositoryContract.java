package dev.keel.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SoftDeletableRepository} promises, run against each implementation: the real
 * adapter on PostgreSQL and the in-memory fake the service tests trust, so neither drifts from the
 * port. One subclass per aggregate and implementation says how to make, read and change an
 * aggregate. Each test makes its own aggregates and looks only at them, so it also passes on a
 * database other tests fill.
 *
 * @param <T>  the aggregate
 * @param <ID> its id type
 */
public abstract class SoftDeletableRepositoryContract<T, ID> {

    private static final int PAGE = 5;

    /** Who archives and restores in these tests. */
    protected static final Actor ARCHIVIST = new Actor("archivist");

    /** PostgreSQL's uuid order (unsigned), newest first: the order of every keyset page. */
    private static final Comparator<UUID> NEWEST_FIRST = ((Comparator<UUID>) (a, b) -> {
                int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                return high != 0
                        ? high
                        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            })
            .reversed();

    protected abstract SoftDeletableRepository<T, ID> repository();

    /** A new aggregate, not yet stored: a different one each call, its id newer than the last one's. */
    protected abstract T newAggregate();

    protected abstract ID idOf(T aggregate);

    /** The id as keyset pages carry it in {@link KeysetPage#next()} and {@link PageRequest#after()}. */
    protected abstract UUID keyOf(ID id);

    protected abstract long versionOf(T aggregate);

    protected abstract boolean isArchived(T aggregate);

    /** The aggregate with a change worth storing, keeping its id and version. */
    protected abstract T changed(T aggregate);

    /**
     * The port's finders beyond this contract's (filtered lists, lookups by other keys), by name,
     * each saying whether it finds the aggregate: a live one must be found, an archived one not.
     */
    protected Map<String, Predicate<T>> otherFinders() {
        return Map.of();
    }

    /** Every id a listing returns, page after page: for {@link #otherFinders()} over keyset lists. */
    protected final List<ID> idsListedBy(Function<PageRequest, KeysetPage<T>> listing) {
        List<ID> ids = new ArrayList<>();
        Optional<UUID> after = Optional.empty();
        int pages = 0;
        do {
            KeysetPage<T> page = listing.apply(new PageRequest(after, PageRequest.MAX_LIMIT));
            page.items().forEach(aggregate -> ids.add(idOf(aggregate)));
            // A cursor that never runs out would loop forever instead of failing.
            if (page.next().isPresent()) {
                assertThat(page.next()).as("the cursor after %s", after).isNotEqualTo(after);
            }
            assertThat(++pages).as("pages read").isLessThanOrEqualTo(10_000);
            after = page.next();
        } while (after.isPresent());
        return ids;
    }

    private T stored() {
        return repository().insert(newAggregate());
    }

    private List<ID> allLive() {
        return idsListedBy(repository()::listLive);
    }

    private void assertEveryFinderSees(T aggregate, boolean sees) {
        ID id = idOf(aggregate);
        assertThat(repository().findLive(id))
                .as("findLive")
                .isEqualTo(sees ? Optional.of(aggregate) : Optional.empty());
        if (sees) {
            assertThat(allLive()).as("listLive").contains(id);
        } else {
            assertThat(allLive()).as("listLive").doesNotContain(id);
        }
        otherFinders()
                .forEach((name, finder) ->
                        assertThat(finder.test(aggregate)).as(name).isEqualTo(sees));
    }

    @Test
    void findsWhatItInsertedAsStored() {
        T stored = stored();

        assertThat(isArchived(stored)).isFalse();
        assertThat(repository().findIncludingArchived(idOf(stored))).contains(stored);
        assertEveryFinderSees(stored, true);
    }

    @Test
    void archivedAggregatesAreInvisibleToEveryFinderButFindIncludingArchived() {
        T live = stored();
        ID id = idOf(live);
        assertEveryFinderSees(live, true);

        assertThat(repository().archive(id, Instant.now(), ARCHIVIST)).isTrue();
        assertThat(repository().archive(id, Instant.now(), ARCHIVIST))
                .as("archived again")
                .isFalse();

        assertEveryFinderSees(live, false);
        T archived = repository().findIncludingArchived(id).orElseThrow();
        assertThat(isArchived(archived)).isTrue();
        assertThatThrownBy(() -> repository().update(changed(live), versionOf(live)))
                .as("an update based on the live version")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repository().update(changed(archived), versionOf(archived)))
                .isInstanceOf(NotFoundException.class);
        assertThat(repository().findIncludingArchived(id))
                .as("after the refused update")
                .contains(archived);
    }

    @Test
    void restoreBringsAnArchivedAggregateBack() {
        T live = stored();
        ID id = idOf(live);
        assertThat(repository().restore(id, ARCHIVIST))
                .as("restoring a live aggregate")
                .isFalse();
        repository().archive(id, Instant.now(), ARCHIVIST);

        assertThat(repository().restore(id, ARCHIVIST)).isTrue();
        assertThat(repository().restore(id, ARCHIVIST)).as("restored again").isFalse();

        T restored = repository().findIncludingArchived(id).orElseThrow();
        assertThat(isArchived(restored)).isFalse();
        assertEveryFinderSees(restored, true);
        T changed = repository().update(changed(restored), versionOf(restored));
        assertThat(versionOf(changed))
                .as("a restored aggregate changes like any live one")
                .isGreaterThan(versionOf(restored));
    }

    @Test
    void anUpdateBasedOnAReplacedVersionIsRefusedAndTheVersionMovesWithEachChange() {
        T original = stored();
        ID id = idOf(original);

        T updated = repository().update(changed(original), versionOf(original));

        assertThat(idOf(updated)).isEqualTo(id);
        assertThat(versionOf(updated)).isGreaterThan(versionOf(original));
        assertThat(repository().findLive(id)).contains(updated);
        // A second change based on the version the first one replaced: refused, naming the current version.
        assertThatThrownBy(() -> repository().update(changed(original), versionOf(original)))
                .isInstanceOfSatisfying(StaleVersionException.class, stale -> assertThat(stale.currentVersion())
                        .isEqualTo(versionOf(updated)));
        assertThatThrownBy(() -> repository().update(changed(updated), versionOf(updated) + 1))
                .as("a version not yet reached")
                .isInstanceOf(StaleVersionException.class);
        assertThat(repository().findLive(id)).as("after the refused updates").contains(updated);

        T again = repository().update(changed(updated), versionOf(updated));

        assertThat(versionOf(again)).isGreaterThan(versionOf(updated));
        assertThat(repository().findLive(id)).contains(again);
    }

    @Test
    void listsLiveAggregatesNewestFirstPageByPageWithoutSkippingOrRepeating() {
        List<T> created = new ArrayList<>();
        for (int i = 0; i < 4 * PAGE + 3; i++) {
            created.add(stored());
        }
        List<T> archived = List.of(created.get(2), created.get(PAGE + 1), created.get(3 * PAGE));
        archived.forEach(aggregate -> repository().archive(idOf(aggregate), Instant.now(), ARCHIVIST));
        List<UUID> expected = created.stream()
                .filter(aggregate -> !archived.contains(aggregate))
                .map(aggregate -> keyOf(idOf(aggregate)))
                .sorted(NEWEST_FIRST)
                .toList();

        // Ours are the newest rows, so their pages come first; rows other tests left follow them.
        List<UUID> seen = new ArrayList<>();
        Optional<UUID> after = Optional.empty();
        int pages = 0;
        do {
            KeysetPage<T> page = repository().listLive(new PageRequest(after, PAGE));
            page.items().forEach(aggregate -> seen.add(keyOf(idOf(aggregate))));
            if (page.next().isPresent()) {
                assertThat(page.items()).as("a page with a next one").hasSize(PAGE);
                assertThat(page.next())
                        .as("the cursor")
                        .contains(keyOf(idOf(page.items().getLast())));
            }
            // Someone inserts while we page: newer rows sort before the cursor and must not disturb it.
            stored();
            after = page.next();
            assertThat(++pages).as("pages read").isLessThanOrEqualTo(100);
        } while (after.isPresent() && !seen.containsAll(expected));

        assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo(NEWEST_FIRST);
        assertThat(seen.stream().filter(expected::contains).toList())
                .as("ours, newest first")
                .isEqualTo(expected);
        assertThat(seen)
                .as("archived")
                .doesNotContainAnyElementsOf(archived.stream()
                        .map(aggregate -> keyOf(idOf(aggregate)))
                        .toList());
    }

    @Test
    void nothingFollowsTheOldestPossibleId() {
        stored();

        KeysetPage<T> page = repository().listLive(new PageRequest(Optional.of(new UUID(0, 0)), PAGE));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void unknownIdsAreNotFoundAndNothingIsWrittenForThem() {
        T neverStored = newAggregate();
        ID id = idOf(neverStored);

        assertThat(repository().findLive(id)).isEmpty();
        assertThat(repository().findIncludingArchived(id)).isEmpty();
        assertThatThrownBy(() -> repository().update(neverStored, versionOf(neverStored)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repository().archive(id, Instant.now(), ARCHIVIST))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repository().restore(id, ARCHIVIST)).isInstanceOf(NotFoundException.class);
        assertThat(repository().findIncludingArchived(id)).isEmpty();
    }
}
