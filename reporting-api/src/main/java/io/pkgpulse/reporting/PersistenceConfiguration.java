package io.pkgpulse.reporting;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.pkgpulse.model.ModelConfiguration;

/**
 * The shared model: entities, repositories and its services. A configuration class of its
 * own rather than an {@code @Import} on the application class, so that
 * {@code @WebMvcTest} slices (which skip configuration classes found by scanning) start
 * without a database.
 */
@Configuration(proxyBeanMethods = false)
@Import(ModelConfiguration.class)
class PersistenceConfiguration {

}
