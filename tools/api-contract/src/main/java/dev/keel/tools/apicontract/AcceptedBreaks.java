package dev.keel.tools.apicontract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The breaks this release makes on purpose, listed in docs/api-breaks.md as
 * {@code - `<break as the check names it>`: <why, and what clients do about it>}. An entry without
 * a reason accepts nothing: the reason is what a reviewer checks, as for a contract migration.
 */
public record AcceptedBreaks(List<Entry> entries) {

    /** One accepted break and its reason (blank when the line gives none). */
    public record Entry(String description, String reason, int line) {

        public boolean hasReason() {
            return !reason.isBlank();
        }
    }

    private static final Pattern ENTRY = Pattern.compile("^\\s*[-*]\\s+`([^`]+)`\\s*:?\\s*(.*)$");

    public static AcceptedBreaks none() {
        return new AcceptedBreaks(List.of());
    }

    /** The entries of the file; none when it does not exist. */
    public static AcceptedBreaks read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        return parse(Files.readString(file));
    }

    public static AcceptedBreaks parse(String markdown) {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        boolean inExample = false;
        for (int i = 0; i < lines.size(); i++) {
            // A fenced block shows the form of an entry; it accepts nothing.
            if (lines.get(i).strip().startsWith("```")) {
                inExample = !inExample;
                continue;
            }
            Matcher matcher = ENTRY.matcher(lines.get(i));
            if (!inExample && matcher.matches()) {
                entries.add(new Entry(matcher.group(1).strip(), matcher.group(2).strip(), i + 1));
            }
        }
        return new AcceptedBreaks(List.copyOf(entries));
    }

    /** The entry that names this break, with or without a reason. */
    public Optional<Entry> entryFor(ApiBreak apiBreak) {
        return entries.stream()
                .filter(entry -> entry.description().equals(apiBreak.description()))
                .findFirst();
    }
}
