package io.pkgpulse.model.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;
import io.pkgpulse.model.TestClock;

@ModelIntegrationTest
class PasswordResetsTest {

    @Autowired
    PasswordResets resets;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcTemplate jdbc;

    User ada;

    @BeforeEach
    void anAccount() {
        Tables.truncateAll(jdbc);
        ada = users.saveAndFlush(new User("Ada", "ada@example.org", "old password", passwordEncoder));
    }

    @Test
    void tokensAre32HexCharactersOfAVersion4UuidStoredAsTheId() {
        PasswordReset reset = resets.issue(ada);

        assertThat(reset.getToken()).matches("[0-9a-f]{32}");
        assertThat(reset.getToken().charAt(12)).as("UUID version nibble").isEqualTo('4');
        assertThat(jdbc.queryForObject("SELECT id FROM password_resets", String.class)).isEqualTo(reset.getToken());
        assertThat(jdbc.queryForObject("SELECT created_at IS NOT NULL FROM password_resets", Boolean.class))
            .as("creation time set by the database")
            .isTrue();
    }

    @Test
    void tokensAreUnguessable() {
        List<String> tokens = IntStream.range(0, 200).mapToObj(i -> resets.issue(ada).getToken()).toList();

        assertThat(new HashSet<>(tokens)).hasSize(tokens.size());
        // Every random hex position takes many values across tokens: no counter, no
        // timestamp, no constant.
        for (int position : new int[] { 0, 5, 10, 13, 20, 25, 31 }) {
            Set<Character> seen = new HashSet<>();
            tokens.forEach(t -> seen.add(t.charAt(position)));
            assertThat(seen).as("distinct hex digits at position %d", position).hasSizeGreaterThan(12);
        }
    }

    @Test
    void aTokenSetsTheNewPasswordOnceAndCannotBeUsedTwice() {
        String token = resets.issue(ada).getToken();

        resets.redeem(token, "new password");

        User reloaded = users.findById(ada.getId()).orElseThrow();
        assertThat(reloaded.passwordMatches("new password", passwordEncoder)).isTrue();
        assertThat(reloaded.passwordMatches("old password", passwordEncoder)).isFalse();
        assertThatThrownBy(() -> resets.redeem(token, "attacker's password"))
            .isInstanceOf(InvalidPasswordResetException.class);
        assertThat(users.findById(ada.getId()).orElseThrow().passwordMatches("new password", passwordEncoder)).isTrue();
    }

    @Test
    void anExpiredTokenIsRejected() {
        String token = resets.issue(ada).getToken();

        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThatThrownBy(() -> resets.redeem(token, "new password"))
            .isInstanceOf(InvalidPasswordResetException.class);
        assertThat(users.findById(ada.getId()).orElseThrow().passwordMatches("old password", passwordEncoder)).isTrue();
    }

    @Test
    void anUnknownTokenIsRejected() {
        assertThatThrownBy(() -> resets.redeem("0123456789abcdef0123456789abcdef", "new password"))
            .isInstanceOf(InvalidPasswordResetException.class);
    }

    @Test
    void ofTwoConcurrentRedemptionsOnlyOneSucceeds() throws Exception {
        String token = resets.issue(ada).getToken();
        CountDownLatch start = new CountDownLatch(1);
        Callable<Boolean> redeem = () -> {
            start.await();
            try {
                resets.redeem(token, "new password");
                return true;
            }
            catch (InvalidPasswordResetException ex) {
                return false;
            }
        };
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 4).mapToObj(i -> threads.submit(redeem)).toList();
            start.countDown();
            long successes = 0;
            for (Future<Boolean> result : results) {
                successes += result.get() ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        }
        finally {
            threads.shutdownNow();
        }
    }

}
