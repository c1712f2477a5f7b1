package dev.keel.tools.apicontract;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * make check-api: the committed OpenAPI document against the previous release's, every breaking
 * change named, each passing only when docs/api-breaks.md accepts it with a reason. Exit 0 when
 * nothing breaks (or there is no release yet), 1 on a break not accepted, 2 when it cannot check.
 *
 * <p>Usage: {@code ApiContractCheck [document] [accepted-breaks]}, paths from the working tree's
 * top; the release tags match KEEL_RELEASE_TAGS (default {@code v*}).
 */
public final class ApiContractCheck {

    static final String DOCUMENT = "docs/openapi.json";
    static final String ACCEPTED_BREAKS = "docs/api-breaks.md";

    private ApiContractCheck() {}

    public static void main(String[] args) {
        Path here = Path.of("").toAbsolutePath();
        Path document = here.resolve(args.length > 0 ? args[0] : DOCUMENT);
        Path accepted = here.resolve(args.length > 1 ? args[1] : ACCEPTED_BREAKS);
        String tags = System.getenv().getOrDefault("KEEL_RELEASE_TAGS", "v*");
        System.exit(run(here, document, accepted, tags, System.out));
    }

    public static int run(Path repository, Path document, Path acceptedFile, String tagPattern, PrintStream out) {
        if (!Files.isRegularFile(document)) {
            out.println("check-api: " + document + " is missing: make openapi writes it from the application");
            return 2;
        }
        Optional<PreviousRelease> previous = PreviousRelease.of(repository, tagPattern);
        if (previous.isEmpty()) {
            out.println("check-api: no release to compare with (no tag matching " + tagPattern
                    + " that HEAD builds on): nothing can break yet; passes");
            return 0;
        }
        String tag = previous.get().tag();
        String path = PreviousRelease.pathFromTop(repository, document);
        Optional<String> released = previous.get().file(repository, path);
        if (released.isEmpty()) {
            out.println("check-api: " + tag + " has no " + path + ": nothing to compare with; passes");
            return 0;
        }
        List<ApiBreak> breaks;
        AcceptedBreaks accepted;
        try {
            breaks = ApiCompatibility.breaks(released.get(), Files.readString(document));
            accepted = AcceptedBreaks.read(acceptedFile);
        } catch (IOException | RuntimeException e) {
            out.println("check-api: could not compare " + path + " with " + tag + "'s: " + e);
            return 2;
        }
        return report(path, tag, breaks, accepted, acceptedFile.getFileName().toString(), out);
    }

    private static int report(
            String path,
            String tag,
            List<ApiBreak> breaks,
            AcceptedBreaks accepted,
            String acceptedName,
            PrintStream out) {
        out.println("check-api: " + path + " against " + tag + ": "
                + (breaks.isEmpty()
                        ? "no breaking change"
                        : breaks.size() + " breaking change" + (breaks.size() == 1 ? "" : "s")));
        List<ApiBreak> refused = new ArrayList<>();
        for (ApiBreak apiBreak : breaks) {
            Optional<AcceptedBreaks.Entry> entry = accepted.entryFor(apiBreak);
            if (entry.isPresent() && entry.get().hasReason()) {
                out.println("  accepted  " + apiBreak + "  (" + acceptedName + ":"
                        + entry.get().line() + ": " + entry.get().reason() + ")");
            } else {
                refused.add(apiBreak);
                out.println("  BREAKING  " + apiBreak
                        + entry.map(e -> "  (" + acceptedName + ":" + e.line()
                                        + " lists it without a reason, so it is not accepted)")
                                .orElse(""));
            }
        }
        for (AcceptedBreaks.Entry entry : accepted.entries()) {
            if (breaks.stream().noneMatch(b -> b.description().equals(entry.description()))) {
                out.println("  note: " + acceptedName + ":" + entry.line() + " accepts `" + entry.description()
                        + "`, which is not a break against " + tag + ": remove it");
            }
        }
        if (refused.isEmpty()) {
            return 0;
        }
        out.println("check-api: FAILED: " + refused.size() + " change" + (refused.size() == 1 ? "" : "s")
                + " would break clients built against " + tag + ". Keep what they use (add, do not remove or"
                + " narrow), or, for a deliberate break, list each in docs/api-breaks.md as"
                + " - `<the break as named above>`: <why, and what clients must do> (docs/api-contract.md).");
        return 1;
    }
}
