package dev.keel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ports, adapters and names: the rules that keep the hexagon readable as it grows. The rules about
 * use cases and mappers allow an empty subject, since a fork without its first aggregate yet
 * (make remove-example) has none; RingSkeletonTest makes sure that what the sources hold is seen.
 */
@AnalyzeClasses(
        packages = "dev.keel",
        importOptions = {ImportOption.DoNotIncludeTests.class, TemplateOnly.class})
class HexagonRulesTest {

    @ArchTest
    static final ArchRule applicationDependsOnlyOnTheDomain = classes()
            .that()
            .resideInAPackage("dev.keel.application..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.keel.application..", "dev.keel.domain..", "java..", "org.jspecify.annotations..")
            .because("use cases know the domain and nothing of frameworks or adapters");

    @ArchTest
    static final ArchRule inboundPortsKnowNoServiceAndNoOutboundPort = noClasses()
            .that()
            .resideInAPackage("dev.keel.application..port.in..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.keel.application..service..", "dev.keel.application.common..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Storage")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule outboundPortsAreDomainInterfaces = classes()
            .that()
            .haveSimpleNameEndingWith("Repository")
            .and()
            .resideOutsideOfPackage("dev.keel.infrastructure..")
            .or()
            .haveSimpleName("ObjectStorage")
            .should()
            .beInterfaces()
            .andShould()
            .resideInAPackage("dev.keel.domain..")
            .because("outbound ports are the domain's interfaces; only adapters implement them "
                    + "(their independence from services and inbound ports follows from the domain's own rule)");

    @ArchTest
    static final ArchRule inboundPortsAreUseCasesCommandsAndQueries = classes()
            .that()
            .resideInAPackage("dev.keel.application..port.in..")
            .and()
            .areTopLevelClasses()
            .and()
            .doNotHaveSimpleName("package-info")
            .should()
            .haveSimpleNameEndingWith("UseCase")
            .orShould()
            .haveSimpleNameEndingWith("Command")
            .orShould()
            .haveSimpleNameEndingWith("Query")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule useCasesAreInterfaces = classes()
            .that()
            .haveSimpleNameEndingWith("UseCase")
            .should()
            .beInterfaces()
            .andShould()
            .resideInAPackage("..port.in..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule persistenceAndStorageAdaptersStayApart = noClasses()
            .that()
            .resideInAPackage("dev.keel.infrastructure.persistence..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.keel.infrastructure.storage..");

    @ArchTest
    static final ArchRule storageAdaptersStayApartFromPersistence = noClasses()
            .that()
            .resideInAPackage("dev.keel.infrastructure.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.keel.infrastructure.persistence..");

    @ArchTest
    static final ArchRule theWebLayerNeverTouchesInfrastructure = noClasses()
            .that()
            .resideInAPackage("dev.keel.bootstrap.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.keel.infrastructure..", "org.apache.ibatis..", "org.mybatis..", "software.amazon..")
            .because("controllers call use cases; adapters are wired in bootstrap.config");

    @ArchTest
    static final ArchRule theWebLayerCallsUseCasesNotServices = noClasses()
            .that()
            .resideInAPackage("dev.keel.bootstrap.web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.keel.application..service..");

    @ArchTest
    static final ArchRule myBatisInterfacesAreMappers = classes()
            .that()
            .areAnnotatedWith(org.apache.ibatis.annotations.Mapper.class)
            .should()
            .haveSimpleNameEndingWith("Mapper")
            .andShould()
            .resideInAPackage("dev.keel.infrastructure.persistence..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule mapStructTypesAreConverters = classes()
            .that()
            .areAnnotatedWith(org.mapstruct.Mapper.class)
            .should()
            .haveSimpleNameEndingWith("Converter")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noFieldInjection = noFields()
            .should()
            .beAnnotatedWith(Autowired.class)
            .because("constructor injection makes dependencies explicit and objects immutable");

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}
