package dev.keel.bootstrap.fuzz;

/**
 * One broken invariant: which, on which request and answer, at which step of which seed.
 *
 * @param detail what exactly differed (the re-read, the expected value), empty when the answer says it all
 */
record Violation(String invariant, RawRequest request, RawResponse response, int step, String detail) {

    /** Violations of one class share this: the invariant, the kind of input, the status and media type. */
    String signature() {
        String kind = request.label().split(":")[0];
        String type = response.contentType().split(";")[0];
        return invariant + " | " + kind + " | " + response.status() + (type.isEmpty() ? "" : " " + type);
    }

    @Override
    public String toString() {
        return signature() + " (step " + step + ")";
    }

    String describe() {
        return "invariant: " + invariant + " (step " + step + ")\n"
                + (detail.isEmpty() ? "" : "  " + Printable.of(detail, 1_500) + "\n")
                + "request:\n" + request.describe()
                + "response:\n" + response.describe();
    }
}
