package io.pkgpulse.model.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

import io.pkgpulse.names.ProjectNames;

public interface PackageRepository extends JpaRepository<Package, Long> {

    /**
     * The package whose PEP 503 name is {@code normalizedName} (normalise first with
     * {@link ProjectNames}).
     */
    Optional<Package> findByNormalizedName(String normalizedName);

}
