package dev.keel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * A rule over a package that does not exist (a typo, a renamed ring) must fail, not pass in
 * silence: archunit.properties sets failOnEmptyShould, and this proves it is in force.
 */
class EmptyRulesFailTest {

    @Test
    void aRuleThatMatchesNoClassFails() {
        JavaClasses keel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keel");

        assertThatThrownBy(() -> classes()
                        .that()
                        .resideInAPackage("dev.keel.no_such_ring..")
                        .should()
                        .onlyDependOnClassesThat()
                        .resideInAPackage("java..")
                        .check(keel))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }
}
