package io.pkgpulse.model.accounts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import io.pkgpulse.model.catalog.Package;

public interface UserRepository extends JpaRepository<User, Long> {

    /** The users who maintain {@code pkg}, loaded as entities (not lazy proxies). */
    @Query("select u from Maintainer m join m.user u where m.pkg = :pkg")
    List<User> findMaintainersOf(@Param("pkg") Package pkg);

    /**
     * Finds the account whatever the letter case of {@code email}; uses the unique index
     * on lower(email).
     */
    @Query("select u from User u where lower(u.email) = lower(:email)")
    Optional<User> findByEmail(String email);

}
