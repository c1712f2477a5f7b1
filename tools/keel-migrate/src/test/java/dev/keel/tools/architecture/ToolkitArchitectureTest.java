package dev.keel.tools.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;

/**
 * The toolkit's own rules, over all four tool modules (this module depends on the other three):
 * no package cycles at any depth, every package null-marked, and nothing of the template.
 */
@AnalyzeClasses(packages = "dev.keel.tools", importOptions = ImportOption.DoNotIncludeTests.class)
class ToolkitArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.keel.tools.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theToolsKnowNothingOfTheTemplate = noClasses()
            .that()
            .resideInAPackage("dev.keel.tools..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.keel..").and(not(resideInAPackage("dev.keel.tools.."))))
            .because("a fork renames the template's packages; the tools read its files, never its classes");

    @ArchTest
    static final ArchRule theKernelHasNoCommandLineAndNoDatabase = noClasses()
            .that()
            .resideInAnyPackage("dev.keel.tools.sql..", "dev.keel.tools.lint..", "dev.keel.tools.migration..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "picocli..",
                    "java.sql..",
                    "org.flywaydb..",
                    "dev.keel.tools.migrate..",
                    "dev.keel.tools.devservices..",
                    "dev.keel.tools.schemacheck..");

    @ArchTest
    static final ArchRule everyPackageIsNullMarked = classes()
            .that()
            .resideInAPackage("dev.keel.tools..")
            .should(new ArchCondition<JavaClass>("be in a package annotated with @NullMarked") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    boolean marked = type.getPackage().isAnnotatedWith(NullMarked.class);
                    events.add(new SimpleConditionEvent(type, marked, type.getPackageName() + " has no @NullMarked"));
                }
            });
}
