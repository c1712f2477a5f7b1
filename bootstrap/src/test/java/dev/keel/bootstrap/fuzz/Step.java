package dev.keel.bootstrap.fuzz;

import org.jspecify.annotations.Nullable;

/**
 * One generated request and what the generator knows about it.
 *
 * @param target the tracked resource the request is about, if any (also when its id was garbled)
 * @param valid  whether the request is well-formed and meant to succeed, so a 4xx about its form is a defect
 */
record Step(
        RawRequest request,
        ApiOperation operation,
        @Nullable Tracked target,
        boolean valid) {

    Step mutated(RawRequest malformed) {
        return new Step(malformed, operation, target, false);
    }
}
