package io.pkgpulse.ingest.archive;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import io.pkgpulse.model.ModelConfiguration;

/**
 * The application context of an archive command: the database and the model only. No
 * Kafka (its auto-configuration is excluded and the worker's listener is not scanned), no
 * web server, no scheduled maintenance. Deliberately not a {@code @Configuration}: the
 * worker's component scan must not pick it up.
 */
@EnableAutoConfiguration(excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@Import(ModelConfiguration.class)
class ArchiveCommandApplication {

}
