package dev.keel.tools.scaffold;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The team's tree as make rename left it: the four rings' modules and the base package, read from the
 * Spring Boot application class in bootstrap (dev.keel.bootstrap.KeelApplication gives dev.keel).
 */
record TeamTree(Path root, String basePackage) {

    static final Path SCHEMA = Path.of("migrations/src/main/resources/db/schema.sql");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\.bootstrap\\s*;");

    static TeamTree at(Path root) {
        Path sources = root.resolve("bootstrap/src/main/java");
        if (!Files.isDirectory(sources) || !Files.isRegularFile(root.resolve(SCHEMA))) {
            throw new ScaffoldException("run make new-aggregate at the root of a Keel tree (bootstrap/ and " + SCHEMA
                    + " not found in " + root.toAbsolutePath().normalize() + ")");
        }
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> bases = files.filter(file -> file.toString().endsWith("Application.java"))
                    .map(TeamTree::read)
                    .filter(text -> text.contains("@SpringBootApplication"))
                    .map(PACKAGE::matcher)
                    .filter(Matcher::find)
                    .map(matcher -> matcher.group(1))
                    .distinct()
                    .toList();
            if (bases.size() != 1) {
                throw new ScaffoldException("expected one @SpringBootApplication class in a package ending in"
                        + " .bootstrap under bootstrap/src/main/java, found " + bases.size());
            }
            return new TeamTree(root, bases.getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source or resource directory of a ring's package: {@code domain, "main/java", "domain.gadget"}. */
    Path packageDir(String module, String sourceSet, String subPackage) {
        return root.resolve(module)
                .resolve("src")
                .resolve(sourceSet)
                .resolve((basePackage + "." + subPackage).replace('.', '/'));
    }

    String schema() {
        return read(root.resolve(SCHEMA));
    }

    /** Whether a controller of the team's already answers under /api/{path}. */
    boolean servesPath(String path) {
        Pattern mapping =
                Pattern.compile("@RequestMapping\\(\\s*(value\\s*=\\s*)?\"/api/" + Pattern.quote(path) + "\"");
        try (Stream<Path> files = Files.walk(root.resolve("bootstrap/src/main/java"))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .anyMatch(file -> mapping.matcher(read(file)).find());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The collection path an aggregate's controller answers (its @RequestMapping), or the conventional one. */
    String apiPathOf(Words aggregate) {
        Path web = packageDir("bootstrap", "main/java", "bootstrap.web." + String.join("", aggregate.words()));
        Pattern mapping = Pattern.compile("@RequestMapping\\(\\s*(?:value\\s*=\\s*)?\"(/api/[^\"]+)\"");
        if (Files.isDirectory(web)) {
            try (Stream<Path> files = Files.list(web)) {
                for (Path file : files.filter(f -> f.toString().endsWith("Controller.java"))
                        .toList()) {
                    Matcher found = mapping.matcher(read(file));
                    if (found.find()) {
                        return found.group(1);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "/api/" + aggregate.plural().kebab();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
