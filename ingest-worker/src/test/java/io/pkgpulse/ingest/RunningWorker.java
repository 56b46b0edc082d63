package io.pkgpulse.ingest;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestKafka;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * A whole ingest worker application started in this JVM, as a separate process would be.
 */
public final class RunningWorker implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningWorker(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * A worker consuming {@code topic} in consumer group {@code group}, against this
     * run's database.
     */
    public static RunningWorker start(String topic, String group, Map<String, Object> properties) {
        return start(topic, group, TestPostgres.database().jdbcUrl(), properties);
    }

    /** The same against another database URL, e.g. one behind a proxy a test can cut. */
    public static RunningWorker start(String topic, String group, String jdbcUrl, Map<String, Object> properties) {
        TestDatabase database = TestPostgres.database();
        Map<String, Object> all = new HashMap<>();
        all.put("spring.datasource.url", jdbcUrl);
        all.put("spring.datasource.username", database.username());
        all.put("spring.datasource.password", database.password());
        all.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        all.put("pkgpulse.ingest.topic", topic);
        all.put("pkgpulse.ingest.group-id", group);
        all.put("pkgpulse.ingest.create-topics", false);
        all.put("pkgpulse.ingest.retry.initial-interval", "200ms");
        all.put("pkgpulse.ingest.retry.max-interval", "2s");
        all.put("server.port", 0);
        all.put("spring.main.banner-mode", "off");
        all.putAll(properties);
        // As command-line arguments: they override application.properties, as a
        // deployment's settings would.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new RunningWorker(new SpringApplicationBuilder(IngestWorkerApplication.class).run(args));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

}
