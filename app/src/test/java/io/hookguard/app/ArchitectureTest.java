package io.hookguard.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hexagon: a framework-free domain without JDBC, adapters that do not know each other (HTTP, the relational
 * store, the Redis store), nothing that knows the app. Every rule fails when it finds no class to check (ArchUnit's
 * default), so a renamed package breaks the build instead of silently passing.
 */
class ArchitectureTest {

    private static final String DOMAIN = "io.hookguard.domain..";
    private static final String HTTP = "io.hookguard.http..";
    private static final String PERSISTENCE = "io.hookguard.persistence..";
    private static final String REDIS = "io.hookguard.persistence.redis..";
    private static final String APP = "io.hookguard.app..";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.hookguard");
    }

    @Test
    void domainDependsOnNothingButTheJdkAndItself() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
                .because("the domain is plain Java 17: no framework, no adapter")
                .check(production);
    }

    @Test
    void domainUsesNeitherJdbcNorAnyFramework() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.jooq..", "org.flywaydb..", "com.zaxxer..", "io.lettuce..", "io.javalin..",
                        "org.eclipse.jetty..", "jakarta..", "com.google.inject..", "io.micrometer..",
                        "com.fasterxml..", "org.slf4j..", "ch.qos.logback..")
                .because("storage and transport belong to the adapters; the domain speaks through its ports")
                .check(production);
    }

    @Test
    void persistenceAdaptersDoNotKnowTheHttpAdapter() {
        noClasses().that().resideInAPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAPackage(HTTP)
                .check(production);
    }

    @Test
    void httpAdapterKnowsNoPersistenceAdapter() {
        noClasses().that().resideInAPackage(HTTP)
                .should().dependOnClassesThat().resideInAPackage(PERSISTENCE)
                .check(production);
    }

    @Test
    void relationalStoreDoesNotCarryRedis() {
        noClasses().that().resideInAPackage(PERSISTENCE).and().resideOutsideOfPackage(REDIS)
                .should().dependOnClassesThat().resideInAnyPackage(REDIS, "io.lettuce..")
                .because("users of the relational store do not carry Lettuce")
                .check(production);
    }

    @Test
    void redisStoreDoesNotKnowTheRelationalStore() {
        noClasses().that().resideInAPackage(REDIS)
                .should().dependOnClassesThat(resideInAPackage(PERSISTENCE).and(resideOutsideOfPackage(REDIS))
                        .or(resideInAnyPackage("org.jooq..", "org.flywaydb..")))
                .check(production);
    }

    @Test
    void nothingDependsOnTheApp() {
        noClasses().that().resideOutsideOfPackage(APP)
                .should().dependOnClassesThat().resideInAPackage(APP)
                .check(production);
    }
}
