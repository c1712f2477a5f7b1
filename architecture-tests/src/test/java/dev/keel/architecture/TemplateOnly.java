package dev.keel.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Imports the template's classes only: Keel's tools (dev.keel.tools, which make rename never
 * touches) follow rules of their own, tested in tools/.
 */
public final class TemplateOnly implements ImportOption {

    @Override
    public boolean includes(Location location) {
        return !location.contains("/dev/keel/tools/");
    }
}
