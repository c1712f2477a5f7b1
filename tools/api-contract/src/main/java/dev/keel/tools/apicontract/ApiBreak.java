package dev.keel.tools.apicontract;

/**
 * One change that can break a client of the previous release, described the same way on every
 * run: {@code PATCH /api/widgets/{id}: request body application/json: field name removed}. The
 * description is what docs/api-breaks.md names to accept it.
 */
public record ApiBreak(String description) implements Comparable<ApiBreak> {

    @Override
    public int compareTo(ApiBreak other) {
        return description.compareTo(other.description);
    }

    @Override
    public String toString() {
        return description;
    }
}
