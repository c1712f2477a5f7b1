package dev.keel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** Every package of the template declares its references non-null unless marked otherwise. */
class NullMarkedPackagesTest {

    @Test
    void everyPackageIsNullMarked() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOptions(java.util.List.of(new ImportOption.DoNotIncludeTests(), new TemplateOnly()))
                .importPackages("dev.keel");
        Set<String> packages = new TreeSet<>();
        Set<String> unmarked = new TreeSet<>();
        for (JavaClass type : classes) {
            packages.add(type.getPackageName());
            if (!type.getPackage().isAnnotatedWith(NullMarked.class)) {
                unmarked.add(type.getPackageName());
            }
        }
        assertThat(packages).as("the template's packages").hasSizeGreaterThan(5);
        assertThat(unmarked)
                .as("packages without @NullMarked in their package-info.java")
                .isEmpty();
    }
}
