package dev.keel.tools.schemacheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One mapper XML document and where it came from (a file of the working tree, or {@code ref:path} in git). */
public record MapperSource(String location, String xml) {

    /** A mapper is a {@code *Mapper.xml} among a module's resources, whatever the package (a fork renames it). */
    static final Pattern PATH = Pattern.compile("(^|.*/)src/main/resources/.+Mapper\\.xml");

    /** Build output, caches and Keel's own data: never the application's source. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".keel", ".idea");

    /** Every mapper of the working tree under {@code root}, sorted by path, as this release would run it. */
    public static List<MapperSource> inWorkingTree(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return SKIPPED.contains(String.valueOf(dir.getFileName()))
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (PATH.matcher(root.relativize(file).toString().replace('\\', '/'))
                            .matches()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            List<MapperSource> sources = new ArrayList<>();
            for (Path file :
                    files.stream().sorted(Comparator.comparing(Path::toString)).toList()) {
                sources.add(new MapperSource(root.relativize(file).toString(), Files.readString(file)));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mappers under " + root + ": " + e.getMessage(), e);
        }
    }
}
