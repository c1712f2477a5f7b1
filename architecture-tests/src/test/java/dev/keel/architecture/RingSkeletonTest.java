package dev.keel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules that allow an empty subject (a fork may have no use case or mapper yet) still see
 * every class the sources declare: the importer finds as many use cases and mappers as the source
 * files hold, so an empty subject means the code has none, never that a rule looks in the wrong place.
 */
class RingSkeletonTest {

    private static final List<Path> SOURCES = Stream.of("domain", "application", "infrastructure", "bootstrap")
            .map(module -> Path.of("..", module, "src", "main", "java"))
            .toList();

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOptions(List.of(new ImportOption.DoNotIncludeTests(), new TemplateOnly()))
            .importPackages("dev.keel");

    private static long sourceFiles(String nameSuffix, String containing) throws IOException {
        long count = 0;
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(
                                path -> path.getFileName().toString().endsWith(nameSuffix + ".java"))
                        .toList()) {
                    count += Files.readString(file).contains(containing) ? 1 : 0;
                }
            }
        }
        return count;
    }

    @Test
    void everyRingIsThereEvenWithoutAnAggregate() {
        for (String ring : List.of("domain", "application", "infrastructure", "bootstrap")) {
            assertThat(CLASSES.stream().anyMatch(type -> type.getPackageName().startsWith("dev.keel." + ring)))
                    .as("classes of the %s ring", ring)
                    .isTrue();
        }
    }

    @Test
    void theUseCasesOfTheSourcesAreSeen() throws IOException {
        long seen = CLASSES.stream()
                .filter(type -> type.getSimpleName().endsWith("UseCase")
                        && type.getPackageName().contains(".port.in"))
                .count();

        assertThat(seen).isEqualTo(sourceFiles("UseCase", "interface "));
    }

    @Test
    void theMappersOfTheSourcesAreSeen() throws IOException {
        long myBatis = CLASSES.stream()
                .filter(type -> type.isAnnotatedWith(org.apache.ibatis.annotations.Mapper.class))
                .count();
        long mapStruct = CLASSES.stream()
                .filter(type -> type.isAnnotatedWith(org.mapstruct.Mapper.class))
                .count();

        assertThat(myBatis).isEqualTo(sourceFiles("Mapper", "@Mapper"));
        assertThat(mapStruct).isEqualTo(sourceFiles("Converter", "@Mapper"));
    }
}
