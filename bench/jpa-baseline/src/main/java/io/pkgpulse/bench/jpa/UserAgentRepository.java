package io.pkgpulse.bench.jpa;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

import io.pkgpulse.model.downloads.UserAgent;

interface UserAgentRepository extends JpaRepository<UserAgent, Long> {

    Optional<UserAgent> findBySha256(byte[] sha256);
}
