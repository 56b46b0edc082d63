package io.pkgpulse.reporting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module's shape: one package per concern under {@code io.pkgpulse.reporting}, with
 * no cycles between them, and controllers that route and render while SQL stays in the
 * {@code *Queries} read models and the services.
 */
@AnalyzeClasses(packages = "io.pkgpulse.reporting", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * {@code security}, {@code problems}, {@code accounts}, {@code packages},
     * {@code stats}, ...: a DAG, no cycles.
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.pkgpulse.reporting.(*)..")
        .should()
        .beFreeOfCycles();

    /**
     * No SQL in controllers: they reach data through {@code *Queries} classes and
     * services.
     */
    @ArchTest
    static final ArchRule controllersHoldNoSql = noClasses().that()
        .areAnnotatedWith(RestController.class)
        .or()
        .areAnnotatedWith(Controller.class)
        .should()
        .dependOnClassesThat()
        .areAssignableTo(JdbcTemplate.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(JdbcClient.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(NamedParameterJdbcTemplate.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(EntityManager.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(DataSource.class);

    /**
     * Entity lifecycles go through the model's repositories and services (locks, flushes
     * and lookups included), not through an {@code EntityManager} of the application's
     * own.
     */
    @ArchTest
    static final ArchRule entitiesThroughRepositories = noClasses().should()
        .dependOnClassesThat()
        .areAssignableTo(EntityManager.class);

}
