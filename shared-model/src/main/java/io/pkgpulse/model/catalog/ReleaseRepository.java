package io.pkgpulse.model.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ReleaseRepository extends JpaRepository<Release, Long> {

    @Query("select r from Release r where r.pkg = :pkg and r.version = :version")
    Optional<Release> findByPackageAndVersion(Package pkg, String version);

}
