package io.pkgpulse.reporting.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.accounts.InvalidPasswordResetException;
import io.pkgpulse.model.accounts.PasswordReset;
import io.pkgpulse.model.accounts.PasswordResets;
import io.pkgpulse.model.accounts.User;
import io.pkgpulse.model.accounts.UserRepository;
import io.pkgpulse.reporting.problems.ApiProblem;

/**
 * Password resets over the API. Asking answers at once, the same whether the address has
 * an account or not: the lookup, the token ({@link PasswordResets#issue}) and the
 * {@link PasswordResetNotifier} run on a small background pool, so neither the answer nor
 * its timing tells whether an account exists. Confirming checks the token, then the
 * password policy, then redeems the token once.
 */
@Service
class PasswordResetService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);

    private final UserRepository users;

    private final PasswordResets passwordResets;

    private final PasswordResetNotifier notifier;

    private final PasswordPolicy passwordPolicy;

    private final LoginThrottle loginThrottle;

    private final TransactionTemplate transactions;

    private final JdbcClient jdbc;

    private final Clock clock;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), new CustomizableThreadFactory("password-reset-"));

    PasswordResetService(UserRepository users, PasswordResets passwordResets, PasswordResetNotifier notifier,
            PasswordPolicy passwordPolicy, LoginThrottle loginThrottle, TransactionTemplate transactions,
            JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.passwordResets = passwordResets;
        this.notifier = notifier;
        this.passwordPolicy = passwordPolicy;
        this.loginThrottle = loginThrottle;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues a reset for {@code email}; returns before anything is looked up. */
    void request(String email) {
        try {
            executor.execute(() -> issue(email.trim()));
        }
        catch (RejectedExecutionException ex) {
            log.warn("Password reset dropped: {} requests are already waiting", executor.getQueue().size());
        }
    }

    private void issue(String email) {
        try {
            if (!loginThrottle.tryPasswordReset(email)) {
                log.info("Password reset not sent: too many resets asked for one address within an hour");
                return;
            }
            users.findByEmail(email).ifPresent(user -> {
                PasswordReset reset = passwordResets.issue(user);
                notifier.passwordResetIssued(new PasswordResetNotice(user.getId(), user.getName(), user.getEmail(),
                        reset.getToken(), reset.getExpiresAt()));
            });
        }
        catch (RuntimeException ex) {
            log.error("Could not issue a password reset", ex);
        }
    }

    /**
     * Sets a new password with a reset token, once.
     * @throws ApiProblem 400 for an unknown, expired or used token (one answer for all
     * three) or a password the policy refuses (the token stays usable then)
     */
    void confirm(String token, String newPassword) {
        if (token == null || !token.matches("[0-9a-f]{32}")) {
            throw ApiProblem.invalidResetToken();
        }
        String[] account = transactions.execute(status -> {
            PasswordReset reset = passwordResets.find(token).orElse(null);
            if (reset == null || !reset.isUsable(clock.instant())) {
                return null;
            }
            User user = reset.getUser();
            return new String[] { user.getEmail(), user.getName() };
        });
        if (account == null) {
            throw ApiProblem.invalidResetToken();
        }
        passwordPolicy.check(newPassword, account[0], account[1]);
        User user;
        try {
            user = passwordResets.redeem(token, newPassword);
        }
        catch (InvalidPasswordResetException ex) {
            throw ApiProblem.invalidResetToken();
        }
        // Other tokens of the account, issued before this one was used, stop working too.
        jdbc.sql("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
            .params(Timestamp.from(clock.instant()), user.getId())
            .update();
        loginThrottle.clear(account[0]);
        log.info("Password reset used for user {}", user.getId());
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

}
