package io.pkgpulse.model.rollups;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A row of an hourly rollup: its key (in the subclass) and how many downloads it counts.
 */
@MappedSuperclass
public abstract class HourlyCount {

    @Column(nullable = false)
    private long downloads;

    public long getDownloads() {
        return downloads;
    }

}
