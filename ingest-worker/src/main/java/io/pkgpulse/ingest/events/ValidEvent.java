package io.pkgpulse.ingest.events;

import java.time.Instant;
import java.util.UUID;

import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.model.downloads.FileType;

/**
 * An event that passed validation, reduced to what is stored: ready for a raw row, its
 * client profile and the rollups. Optional values are null.
 *
 * @param project the PEP 503 normalised project name
 * @param projectName the name as the event spelled it (kept when the package is
 * registered)
 * @param client what the event says about the client: its details (sent or parsed from
 * the agent) and raw agent
 * @param eventId the producer's id, checked but not stored (exactly-once rests on the
 * stored offsets)
 * @param mirror whether the installer is a mirroring tool (bandersnatch, z3c.pypimirror,
 * Artifactory, devpi)
 * @param importedLine the history file and line this event comes from, or null for a
 * download of the stream
 */
public record ValidEvent(Instant timestamp, String project, String projectName, String version, FileType fileType,
        ClientProfile.Fields client, String countryCode, UUID eventId, boolean mirror, ImportedLine importedLine) {

    public String installerName() {
        return client.installerName();
    }

    public String pythonVersion() {
        return client.pythonVersion();
    }

    public String systemName() {
        return client.systemName();
    }

    public Boolean ci() {
        return client.ci();
    }

    public String userAgent() {
        return client.userAgent();
    }
}
