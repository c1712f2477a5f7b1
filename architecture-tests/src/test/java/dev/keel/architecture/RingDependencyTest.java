package dev.keel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of the hexagon: dependencies point inwards, towards the domain. */
@AnalyzeClasses(
        packages = "dev.keel",
        importOptions = {ImportOption.DoNotIncludeTests.class, TemplateOnly.class})
class RingDependencyTest {

    private static final String DOMAIN = "dev.keel.domain..";
    private static final String APPLICATION = "dev.keel.application..";
    private static final String INFRASTRUCTURE = "dev.keel.infrastructure..";
    private static final String BOOTSTRAP = "dev.keel.bootstrap..";

    @ArchTest
    static final ArchRule domainDependsOnNothingButTheJdk = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    DOMAIN,
                    "java..",
                    "com.github.f4b6a3.uuid..", // the UUIDv7 generator
                    "org.jspecify.annotations..") // nullness annotations, no behaviour
            .because("the domain is plain Java: no Spring, MyBatis, AWS or SQL");

    @ArchTest
    static final ArchRule ringsOnlyDependInwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain")
            .definedBy(DOMAIN)
            .layer("Application")
            .definedBy(APPLICATION)
            .layer("Infrastructure")
            .definedBy(INFRASTRUCTURE)
            .layer("Bootstrap")
            .definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Infrastructure")
            .mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application")
            .mayOnlyBeAccessedByLayers("Infrastructure", "Bootstrap")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Application", "Infrastructure", "Bootstrap");

    @ArchTest
    static final ArchRule noFrameworkInTheDomain = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "org.apache.ibatis..",
                    "org.mybatis..",
                    "software.amazon..",
                    "java.sql..",
                    "javax.sql..",
                    "tools.jackson..",
                    "com.fasterxml.jackson..",
                    "jakarta.persistence..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.keel.(**)")
            .should()
            .beFreeOfCycles()
            .because("each package, at every depth, is a slice: a cycle anywhere means two packages are one");

    @ArchTest
    static final ArchRule keelsToolsStayOutOfTheApplication = noClasses()
            .that()
            .resideInAPackage("dev.keel..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.keel.tools..", "io.zonky..", "org.gaul..", "org.testcontainers..", "picocli..")
            .because("keel-migrate, the schema check and the embedded PostgreSQL and S3Proxy are for development "
                    + "and tests only; keel-app.jar never carries them");
}
