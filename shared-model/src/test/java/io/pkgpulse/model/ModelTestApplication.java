package io.pkgpulse.model;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What an application using the model looks like, without one: auto-configuration plus
 * the model's configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ModelConfiguration.class)
public class ModelTestApplication {

}
