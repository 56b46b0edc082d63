package io.pkgpulse.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.pkgpulse.testsupport.SqlStatementCounter;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * A test of the model against this run's real PostgreSQL, with the schema migrated by
 * Flyway and validated by Hibernate, SQL statements counted, and a clock the test can
 * move. All such tests share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ModelTestApplication.class)
@Import({ TestInfrastructure.class, SqlStatementCounter.class, TestClock.Configuration.class })
public @interface ModelIntegrationTest {

}
