package io.hookguard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the hexagon: a framework-free domain, adapters that do not know each other, nothing that knows the app. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.hookguard");
    }

    @Test
    void domainUsesNothingButTheJdk() {
        classes().that().resideInAPackage("io.hookguard.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.hookguard.domain..")
                .because("the domain is plain Java 17: no framework, no JDBC, no adapter")
                .check(production);
    }

    @Test
    void persistenceAdapterDoesNotKnowTheHttpAdapter() {
        noClasses().that().resideInAPackage("io.hookguard.persistence..")
                .should().dependOnClassesThat().resideInAPackage("io.hookguard.http..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void httpAdapterDoesNotKnowThePersistenceAdapter() {
        noClasses().that().resideInAPackage("io.hookguard.http..")
                .should().dependOnClassesThat().resideInAPackage("io.hookguard.persistence..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void nothingDependsOnTheApp() {
        noClasses().that().resideOutsideOfPackage("io.hookguard.app..")
                .should().dependOnClassesThat().resideInAPackage("io.hookguard.app..")
                .check(production);
    }
}
