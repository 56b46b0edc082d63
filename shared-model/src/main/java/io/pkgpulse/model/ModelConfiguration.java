package io.pkgpulse.model;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import io.pkgpulse.model.accounts.PasswordHashing;
import io.pkgpulse.model.accounts.PasswordResets;
import io.pkgpulse.model.archive.ArchiveLoader;
import io.pkgpulse.model.archive.DownloadArchiver;
import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.model.downloads.DownloadsProperties;

/**
 * The one thing an application imports to use the model: entities, repositories, password
 * hashing, reset tokens, download partitions and their archives, and the persistence
 * defaults every application shares ({@code pkgpulse-model.properties}, which an
 * application's own properties override).
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = ModelConfiguration.class)
@EnableJpaRepositories(basePackageClasses = ModelConfiguration.class)
@EnableConfigurationProperties(DownloadsProperties.class)
@Import({ PasswordHashing.class, PasswordResets.class, DownloadPartitions.class, DownloadArchiver.class,
        ArchiveLoader.class })
@PropertySource("classpath:pkgpulse-model.properties")
public class ModelConfiguration {

}
