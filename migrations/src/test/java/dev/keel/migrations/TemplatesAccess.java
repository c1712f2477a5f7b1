package dev.keel.migrations;

/** Opens the package-private migration template to tests in other packages. */
public final class TemplatesAccess {

    private TemplatesAccess() {
    }

    public static String migration(String name) {
        return Templates.migration(name);
    }
}
