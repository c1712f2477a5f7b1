package dev.keel.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The expected state of every resource this run created. The run is sequential, so after each
 * request the model says exactly what the next read must return: any difference is a lost
 * update or a write applied although its request failed.
 */
final class ResourceModel {

    private final Map<String, Tracked> byId = new LinkedHashMap<>();

    void put(Tracked tracked) {
        byId.put(tracked.id(), tracked);
    }

    Optional<Tracked> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Tracked> all() {
        return List.copyOf(byId.values());
    }

    /** One resource of the collection matching the filter, chosen by the seeded random source (insertion order). */
    Optional<Tracked> pick(Random random, String collection, Predicate<Tracked> filter) {
        List<Tracked> candidates = new ArrayList<>();
        for (Tracked tracked : byId.values()) {
            if (tracked.collection().equals(collection) && filter.test(tracked)) {
                candidates.add(tracked);
            }
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    long live(String collection) {
        return byId.values().stream()
                .filter(t -> t.collection().equals(collection) && t.live())
                .count();
    }
}
