package io.pkgpulse.model.rollups;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * Downloads of a package per release and UTC day, mirrors apart. Written by the ingest
 * worker; read-only here.
 */
@Entity
@Table(name = "daily_release_downloads")
@Immutable
public class DailyReleaseDownloads extends DailyCount {

    @EmbeddedId
    private Key key;

    protected DailyReleaseDownloads() {
    }

    public Key getKey() {
        return key;
    }

    /** The primary key, in index order. */
    @Embeddable
    public record Key(@Column(name = "package_id") long packageId, LocalDate day,
            @Column(name = "release_id") long releaseId, boolean mirror) {
    }

}
