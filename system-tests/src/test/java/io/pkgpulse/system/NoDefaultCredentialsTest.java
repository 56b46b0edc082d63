package io.pkgpulse.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets come only from the environment: the packaged applications carry no credential
 * outside their {@code local} profile, and started without settings they refuse to run
 * instead of connecting somewhere with a default.
 */
class NoDefaultCredentialsTest {

    /** Property names that hold a credential or say where to connect with one. */
    private static final Pattern CREDENTIAL = Pattern
        .compile("(?i).*(password|secret|credentials?|token|username|\\.user|api-?key|datasource\\.url|jdbc-?url)$");

    @ParameterizedTest
    @ValueSource(strings = { "ingest-worker", "reporting-api" })
    void noCredentialHasADefaultOutsideTheLocalProfile(String module) throws IOException {
        List<String> defaults = new ArrayList<>();
        List<String> files = new ArrayList<>();
        try (JarFile jar = new JarFile(AppProcess.jar(module).toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith("BOOT-INF/classes/application") || !name.endsWith(".properties")) {
                    continue;
                }
                files.add(name);
                if (name.endsWith("application-local.properties")) {
                    continue;
                }
                Properties properties = new Properties();
                try (InputStream in = jar.getInputStream(entry)) {
                    properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                properties.stringPropertyNames()
                    .stream()
                    .filter(key -> CREDENTIAL.matcher(key).matches())
                    .filter(key -> !properties.getProperty(key).isBlank())
                    .forEach(key -> defaults.add(name + ": " + key));
            }
        }
        assertThat(files).as("the jar's configuration files")
            .contains("BOOT-INF/classes/application.properties", "BOOT-INF/classes/application-local.properties");
        assertThat(defaults).as("credentials with a default value").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ingest-worker", "reporting-api" })
    void withoutSettingsTheApplicationRefusesToStart(String module) throws Exception {
        Path log = Path.of("target", "system-tests", module + "-no-settings.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", AppProcess.jar(module).toString(), "--server.port=0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        // Whatever this test run was given explicitly must not reach the application.
        builder.environment()
            .keySet()
            .removeIf(name -> name.startsWith("SPRING_") || name.startsWith("PKGPULSE_") || name.startsWith("PG"));
        Process process = builder.start();
        try {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s exits by itself", module).isTrue();
            assertThat(process.exitValue()).as("%s's exit status", module).isNotZero();
            assertThat(Files.readString(log)).as("%s says why", module)
                .contains("Failed to configure a DataSource: 'url' attribute is not specified");
        }
        finally {
            process.destroyForcibly();
        }
    }

}
