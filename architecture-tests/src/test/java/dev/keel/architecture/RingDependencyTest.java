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
@AnalyzeClasses(packages = "dev.keel", importOptions = ImportOption.DoNotIncludeTests.class)
class RingDependencyTest {

    private static final String DOMAIN = "dev.keel.domain..";
    private static final String APPLICATION = "dev.keel.application..";
    private static final String INFRASTRUCTURE = "dev.keel.infrastructure..";
    private static final String BOOTSTRAP = "dev.keel.bootstrap..";

    @ArchTest
    static final ArchRule domainDependsOnNothingButTheJdk = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..",
                    "com.github.f4b6a3.uuid..", // the UUIDv7 generator
                    "org.jspecify.annotations..") // nullness annotations, no behaviour
            .because("the domain is plain Java: no Spring, MyBatis, AWS or SQL");

    @ArchTest
    static final ArchRule ringsOnlyDependInwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("Infrastructure").definedBy(INFRASTRUCTURE)
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Infrastructure", "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Infrastructure", "Bootstrap");

    @ArchTest
    static final ArchRule noFrameworkInTheDomain = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.ibatis..",
                    "org.mybatis..", "software.amazon..", "java.sql..", "javax.sql..", "tools.jackson..",
                    "com.fasterxml.jackson..", "jakarta.persistence..");

    @ArchTest
    static final ArchRule noCyclesBetweenFeaturePackages = slices().matching("dev.keel.(*).(*)..")
            .should().beFreeOfCycles();

    // Except keel-migrate, the development command line: its trace's throwaway PostgreSQL, and the
    // development database behind the db targets and verify-setup. keel-migrations depends on
    // keel-devservices as an optional dependency, which the CLI jar includes and keel-app.jar never
    // sees (bootstrap's enforcer checks); the rule below keeps the application off these classes.
    // The package is written plainly (an unescaped dot matches itself too), so make rename rewrites it.
    static final String COMMAND_LINE = "dev.keel.migrations.(KeelMigrate|DbCommand|VerifySetupCommand)(\\$.*)?";

    @ArchTest
    static final ArchRule developmentServicesStayOutOfTheApplication = noClasses().that().resideInAPackage("dev.keel..")
            .and().doNotHaveFullyQualifiedName("dev.keel.migrations.trace.ScratchDatabase")
            .and().haveNameNotMatching(COMMAND_LINE)
            .and().resideOutsideOfPackage("dev.keel.migrations.devdb..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.keel.tools.devservices..", "io.zonky..", "org.gaul..",
                    "org.testcontainers..")
            .because("the embedded PostgreSQL and S3Proxy are for development and tests only");

    @ArchTest
    static final ArchRule theApplicationNeverStartsTheDevelopmentCommandLine = noClasses()
            .that().resideInAnyPackage("dev.keel.domain..", "dev.keel.application..", "dev.keel.infrastructure..",
                    "dev.keel.bootstrap..")
            .should().dependOnClassesThat().haveNameMatching(COMMAND_LINE)
            .orShould().dependOnClassesThat().resideInAPackage("dev.keel.migrations.devdb..")
            .because("the db targets and the doctor reach into the development services, which keel-app.jar never carries");
}
