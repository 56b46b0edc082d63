package io.pkgpulse.ingest.write;

import io.pkgpulse.ingest.events.ValidEvent;

/**
 * An event with every id it is stored under.
 *
 * @param rawRow whether it keeps a raw row: false for imported history older than the raw
 * retention, which is counted in the rollups only
 * @param clientProfileId its client's profile, for the raw row; null when the client said
 * nothing or there is no raw row
 */
public record ResolvedEvent(ValidEvent event, long packageId, long releaseId, boolean rawRow, Integer clientProfileId) {

    ResolvedEvent withClientProfileId(Integer id) {
        return new ResolvedEvent(event, packageId, releaseId, rawRow, id);
    }
}
