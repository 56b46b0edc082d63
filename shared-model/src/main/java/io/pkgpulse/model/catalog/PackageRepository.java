package io.pkgpulse.model.catalog;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import io.pkgpulse.names.ProjectNames;

public interface PackageRepository extends JpaRepository<Package, Long> {

    /**
     * The package whose PEP 503 name is {@code normalizedName} (normalise first with
     * {@link ProjectNames}).
     */
    Optional<Package> findByNormalizedName(String normalizedName);

    /**
     * The package, locked {@code FOR UPDATE} until the transaction ends: changes to its
     * maintainers and visibility are made one at a time, so that the last owner cannot be
     * removed twice over.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Package p where p.id = :id")
    Optional<Package> findByIdForUpdate(@Param("id") long id);

}
