package dev.keel.domain.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an object lives in storage. Keys derive from immutable ids and are stored in the
 * database instead of URLs, which are presigned per request.
 */
public record StorageKey(String value) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,1023}");

    public StorageKey {
        Objects.requireNonNull(value, "value");
        if (!SAFE.matcher(value).matches() || value.contains("//") || value.contains("..") || value.endsWith("/")) {
            throw new IllegalArgumentException("not a safe storage key: '" + value
                    + "' (letters, digits, . _ - and single / between segments, at most 1024 characters)");
        }
    }

    public static StorageKey of(String first, String... more) {
        return new StorageKey(more.length == 0 ? first : first + "/" + String.join("/", more));
    }

    @Override
    public String toString() {
        return value;
    }
}
