package dev.keel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What ArchUnit cannot see in bytecode: the SQL. MyBatis's dollar-brace substitution pastes text
 * into a statement (an injection hole; #{...} binds a parameter), and a DELETE would hard-delete
 * domain rows.
 */
class MyBatisSqlTest {

    /** A dollar sign followed by an opening brace, spelt out so this file does not contain one. */
    private static final Pattern SUBSTITUTION = Pattern.compile("\\u0024\\u007B");

    private static final Pattern DELETE = Pattern.compile("(?i)<delete\\b|\\bDELETE\\s+FROM\\b");

    private static List<Resource> mapperXml() throws IOException {
        List<Resource> resources = new ArrayList<>();
        Collections.addAll(
                resources,
                new PathMatchingResourcePatternResolver().getResources("classpath*:dev/keel/**/*Mapper.xml"));
        return resources;
    }

    @Test
    void theMapperXmlIsFound() throws IOException {
        // Every mapper the sources hold (none in a fork without its first aggregate yet), so no rule checks less.
        long inSources;
        try (var files =
                java.nio.file.Files.walk(java.nio.file.Path.of("..", "infrastructure", "src", "main", "resources"))) {
            inSources = files.filter(file -> file.getFileName().toString().endsWith("Mapper.xml"))
                    .count();
        }
        assertThat(mapperXml())
                .as("a rule over fewer files would pass without checking them all")
                .hasSize((int) inSources);
    }

    @Test
    void noMapperSubstitutesTextIntoSql() throws IOException {
        for (Resource xml : mapperXml()) {
            assertThat(SUBSTITUTION.matcher(read(xml)).find())
                    .as("text substitution in " + xml.getFilename())
                    .isFalse();
        }
    }

    @Test
    void noMapperDeletes() throws IOException {
        for (Resource xml : mapperXml()) {
            assertThat(DELETE.matcher(read(xml)).find())
                    .as("DELETE in " + xml.getFilename())
                    .isFalse();
        }
    }

    @Test
    void noAnnotatedStatementSubstitutesOrDeletes() throws Exception {
        List<Class<?>> mappers = AnnotatedMappers.all();
        // RingSkeletonTest holds this list to the @Mapper interfaces of the sources.
        for (Class<?> mapper : mappers) {
            for (Method method : mapper.getDeclaredMethods()) {
                assertThat(method.isAnnotationPresent(org.apache.ibatis.annotations.Delete.class)
                                || method.isAnnotationPresent(org.apache.ibatis.annotations.DeleteProvider.class))
                        .as(mapper.getSimpleName() + "." + method.getName() + " is a @Delete")
                        .isFalse();
                assertThat(DELETE.matcher(java.util.Arrays.toString(method.getAnnotations()))
                                .find())
                        .as(mapper.getSimpleName() + "." + method.getName() + " runs a DELETE")
                        .isFalse();
                for (var annotation : method.getAnnotations()) {
                    assertThat(SUBSTITUTION.matcher(annotation.toString()).find())
                            .as("text substitution in " + mapper.getSimpleName() + "." + method.getName())
                            .isFalse();
                }
            }
        }
    }

    private static String read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every @Mapper interface under dev.keel, found through ArchUnit's importer. */
    private static final class AnnotatedMappers {
        static List<Class<?>> all() {
            return new com.tngtech.archunit.core.importer.ClassFileImporter()
                            .withImportOption(
                                    com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                            .importPackages("dev.keel")
                            .stream()
                            .filter(type -> type.isAnnotatedWith(org.apache.ibatis.annotations.Mapper.class))
                            .<Class<?>>map(type -> type.reflect())
                            .toList();
        }
    }
}
