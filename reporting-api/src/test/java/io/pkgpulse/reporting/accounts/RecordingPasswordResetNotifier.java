package io.pkgpulse.reporting.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Keeps the notices instead of sending them, for tests to read the token as a user would
 * from the e-mail.
 */
class RecordingPasswordResetNotifier implements PasswordResetNotifier {

    private final LinkedBlockingQueue<PasswordResetNotice> notices = new LinkedBlockingQueue<>();

    @Override
    public void passwordResetIssued(PasswordResetNotice notice) {
        notices.add(notice);
    }

    /**
     * The next notice, waiting for the background issuer up to {@code timeout}; null if
     * none came.
     */
    PasswordResetNotice next(Duration timeout) throws InterruptedException {
        return notices.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<PasswordResetNotice> drain() {
        List<PasswordResetNotice> drained = new ArrayList<>();
        notices.drainTo(drained);
        return drained;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        @Primary
        RecordingPasswordResetNotifier recordingPasswordResetNotifier() {
            return new RecordingPasswordResetNotifier();
        }

    }

}
