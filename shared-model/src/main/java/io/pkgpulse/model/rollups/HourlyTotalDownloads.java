package io.pkgpulse.model.rollups;

import java.time.Instant;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * Downloads of all packages per UTC hour, mirrors apart ({@code __all__}), for the last
 * {@code pkgpulse.downloads.hourly-retention}. Written by the ingest worker; read-only
 * here.
 */
@Entity
@Table(name = "hourly_total_downloads")
@Immutable
public class HourlyTotalDownloads extends HourlyCount {

    @EmbeddedId
    private Key key;

    protected HourlyTotalDownloads() {
    }

    public Key getKey() {
        return key;
    }

    /** The primary key, in index order; {@code hour} is the start of the UTC hour. */
    @Embeddable
    public record Key(Instant hour, boolean mirror) {
    }

}
