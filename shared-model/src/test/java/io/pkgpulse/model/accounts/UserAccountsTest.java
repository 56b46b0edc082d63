package io.pkgpulse.model.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;
import io.pkgpulse.model.catalog.Package;

@ModelIntegrationTest
class UserAccountsTest {

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyTables() {
        Tables.truncateAll(jdbc);
    }

    @Test
    void aSecondUserWithTheSameEmailInOtherLetterCaseIsRejectedByTheDatabase() {
        users.saveAndFlush(new User("Ada", "ada@example.org", "correct horse battery", passwordEncoder));

        assertThatThrownBy(
                () -> users.saveAndFlush(new User("Impostor", "ADA@Example.ORG", "another password", passwordEncoder)))
            .isInstanceOf(DataIntegrityViolationException.class)
            .hasMessageContaining("users_email_lower_key");
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void usersAreFoundByEmailWhateverTheLetterCase() {
        users.saveAndFlush(new User("Ada", "Ada@Example.org", "correct horse battery", passwordEncoder));

        assertThat(users.findByEmail("ada@EXAMPLE.org")).get().extracting(User::getName).isEqualTo("Ada");
        assertThat(users.findByEmail("bob@example.org")).isEmpty();
    }

    @Test
    void theStoredPasswordIsASaltedArgon2HashThatVerifiesOnlyTheRightPassword() {
        long id = users.saveAndFlush(new User("Ada", "ada@example.org", "correct horse battery", passwordEncoder))
            .getId();

        String stored = jdbc.queryForObject("SELECT password_hash FROM users WHERE id = ?", String.class, id);
        assertThat(stored).startsWith("{argon2}$argon2id$").doesNotContain("correct horse battery");

        User loaded = users.findById(id).orElseThrow();
        assertThat(loaded.passwordMatches("correct horse battery", passwordEncoder)).isTrue();
        assertThat(loaded.passwordMatches("correct horse battery!", passwordEncoder)).isFalse();
        assertThat(loaded.passwordMatches("", passwordEncoder)).isFalse();
        assertThat(loaded.toString()).doesNotContain(stored).doesNotContain("ada@example.org");
    }

    @Test
    void twoUsersWithTheSamePasswordGetDifferentHashes() {
        users.saveAndFlush(new User("Ada", "ada@example.org", "same password", passwordEncoder));
        users.saveAndFlush(new User("Bob", "bob@example.org", "same password", passwordEncoder));

        assertThat(jdbc.queryForList("SELECT DISTINCT password_hash FROM users", String.class)).hasSize(2);
    }

    @Test
    void addingAMaintainerThroughThePackageSetsBothSidesAndTheDatabaseKeepsThePairUnique() {
        long[] ids = tx.execute(s -> {
            User ada = new User("Ada", "ada@example.org", "pw", passwordEncoder);
            entityManager.persist(ada);
            Package pkg = new Package("attrs");
            Maintainer maintainer = pkg.addMaintainer(ada, MaintainerRole.OWNER);
            entityManager.persist(pkg);

            assertThat(maintainer.getPackage()).isSameAs(pkg);
            assertThat(maintainer.getUser()).isSameAs(ada);
            assertThat(ada.getMaintainerships()).containsExactly(maintainer);
            assertThat(pkg.getMaintainers()).containsExactly(maintainer);
            return new long[] { ada.getId(), pkg.getId() };
        });

        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            entityManager.find(Package.class, ids[1])
                .addMaintainer(entityManager.find(User.class, ids[0]), MaintainerRole.MAINTAINER);
            entityManager.flush();
        })).hasMessageContaining("maintainers_user_id_package_id_key");

        tx.executeWithoutResult(s -> {
            User ada = entityManager.find(User.class, ids[0]);
            assertThat(ada.getMaintainerships()).extracting(m -> m.getPackage().getNormalizedName())
                .containsExactly("attrs");
            entityManager.find(Package.class, ids[1]).removeMaintainer(ada);
            assertThat(ada.getMaintainerships()).isEmpty();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM maintainers", Long.class)).isZero();
    }

}
