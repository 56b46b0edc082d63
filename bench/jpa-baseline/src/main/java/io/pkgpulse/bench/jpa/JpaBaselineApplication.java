package io.pkgpulse.bench.jpa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import io.pkgpulse.model.ModelConfiguration;

/**
 * The benchmark's reference consumer: what most teams would write with Spring Kafka and
 * Spring Data JPA. Same topic, same events, same schema as the ingest worker; raw rows
 * only (no rollups, no stored offsets).
 */
@SpringBootApplication
@EnableJpaRepositories(basePackageClasses = JpaBaselineApplication.class)
@Import(ModelConfiguration.class)
public class JpaBaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(JpaBaselineApplication.class, args);
    }

}
