package io.pkgpulse.model.rollups;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * Downloads of a package per UTC hour, mirrors apart, for the last
 * {@code pkgpulse.downloads.hourly-retention}. Written by the ingest worker; read-only
 * here.
 */
@Entity
@Table(name = "hourly_downloads")
@Immutable
public class HourlyDownloads extends HourlyCount {

    @EmbeddedId
    private Key key;

    protected HourlyDownloads() {
    }

    public Key getKey() {
        return key;
    }

    /** The primary key, in index order; {@code hour} is the start of the UTC hour. */
    @Embeddable
    public record Key(@Column(name = "package_id") long packageId, Instant hour, boolean mirror) {
    }

}
