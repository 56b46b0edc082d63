package io.pkgpulse.bench.jpa;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

import io.pkgpulse.model.downloads.ClientProfile;

interface ClientProfileRepository extends JpaRepository<ClientProfile, Integer> {

    Optional<ClientProfile> findBySha256(byte[] sha256);

}
