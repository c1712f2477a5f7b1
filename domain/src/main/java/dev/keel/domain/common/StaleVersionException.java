package dev.keel.domain.common;

/** The change was based on a version that another change has replaced: nothing was written. */
public final class StaleVersionException extends DomainException {

    private final long currentVersion;

    public StaleVersionException(String kind, Object id, long expected, long current) {
        super(kind + " " + id + " is at version " + current + ", not " + expected);
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
