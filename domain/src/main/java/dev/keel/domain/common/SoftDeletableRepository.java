package dev.keel.domain.common;

import java.time.Instant;
import java.util.Optional;

/**
 * Outbound port for aggregates that are archived, never deleted. Every finder sees live rows
 * only, except {@link #findIncludingArchived}. Writes fail instead of silently doing nothing.
 *
 * @param <T>  the aggregate
 * @param <ID> its id type
 */
public interface SoftDeletableRepository<T, ID> {

    /** The aggregate when it exists and is not archived. */
    Optional<T> findLive(ID id);

    /** The aggregate whether archived or not: for restore, audits and admin views. */
    Optional<T> findIncludingArchived(ID id);

    /** Live aggregates, newest first, one keyset page at a time. */
    KeysetPage<T> listLive(PageRequest page);

    /** Inserts a new aggregate; returns it as stored. */
    T insert(T aggregate);

    /**
     * Stores changes to a live aggregate whose stored version is still {@code expectedVersion};
     * returns it as stored, with its new version.
     *
     * @throws StaleVersionException when another change came first
     * @throws NotFoundException     when it does not exist or is archived
     */
    T update(T aggregate, long expectedVersion);

    /**
     * Archives a live aggregate, {@code by} becoming its last updater; false when it was archived
     * already. @throws NotFoundException when absent
     */
    boolean archive(ID id, Instant at, Actor by);

    /**
     * Brings an archived aggregate back, {@code by} becoming its last updater; false when it was
     * live already. @throws NotFoundException when absent
     */
    boolean restore(ID id, Actor by);
}
