package io.pkgpulse.ingest.consume;

import java.time.Clock;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.events.EventValidator;
import io.pkgpulse.ingest.events.useragent.UserAgentParser;
import io.pkgpulse.model.downloads.DownloadsProperties;

/** Topics, the dead-letter producer, the retry policy and the event checks. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * The topic and its dead-letter topic with as many partitions, created when missing.
     */
    @Bean
    KafkaAdmin.NewTopics ingestTopics(IngestProperties properties) {
        if (!properties.createTopics()) {
            return new KafkaAdmin.NewTopics();
        }
        NewTopic topic = TopicBuilder.name(properties.topic())
            .partitions(properties.topicPartitions())
            .replicas(properties.topicReplicas())
            .build();
        NewTopic deadLetters = TopicBuilder.name(properties.deadLetterTopic())
            .partitions(properties.topicPartitions())
            .replicas(properties.topicReplicas())
            .build();
        return new KafkaAdmin.NewTopics(topic, deadLetters);
    }

    /**
     * Every exception out of the listener is an infrastructure failure (bad records never
     * throw): the batch is retried with exponential back-off, without limit, while the
     * consumer stays paused but in its group. Nothing goes to the dead-letter topic and
     * nothing is skipped; stopping the worker abandons the retry, and the batch is
     * consumed again from the stored offsets at the next start.
     */
    @Bean
    DefaultErrorHandler ingestErrorHandler(IngestProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
            throw new IllegalStateException("The ingest retry policy has no limit; nothing may be skipped", ex);
        }, backOff);
        // The listener already logged the failure in one line; the stack trace is for
        // debugging.
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
        return handler;
    }

    /**
     * Failed sends are reported by {@link DeadLetters} (and retried), not logged with a
     * stack trace here.
     */
    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(ProducerFactory<byte[], byte[]> producerFactory) {
        KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(producerFactory);
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
    }

    @Bean
    UserAgentParser userAgentParser() {
        return new UserAgentParser();
    }

    @Bean
    EventValidator eventValidator(UserAgentParser userAgents, Clock clock, DownloadsProperties downloads,
            IngestProperties properties) {
        return new EventValidator(userAgents, clock, downloads.rawRetention(), properties.maxFutureSkew());
    }

}
