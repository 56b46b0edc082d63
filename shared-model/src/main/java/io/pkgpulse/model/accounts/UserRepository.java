package io.pkgpulse.model.accounts;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, Long> {

    /**
     * Finds the account whatever the letter case of {@code email}; uses the unique index
     * on lower(email).
     */
    @Query("select u from User u where lower(u.email) = lower(:email)")
    Optional<User> findByEmail(String email);

}
