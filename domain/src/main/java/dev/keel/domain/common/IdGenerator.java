package dev.keel.domain.common;

import java.util.UUID;

/** Hands out entity ids before insert, so an aggregate never waits for the database to have one. */
@FunctionalInterface
public interface IdGenerator {

    UUID newId();
}
