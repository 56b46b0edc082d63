package io.pkgpulse.ingest.events;

import java.time.Instant;
import java.util.UUID;

import io.pkgpulse.model.downloads.FileType;

/**
 * An event that passed validation, reduced to what is stored: ready for a raw row and for the rollups.
 * Optional values are null.
 *
 * @param project the PEP 503 normalised project name
 * @param projectName the name as the event spelled it (kept when the package is registered)
 * @param mirror whether the installer is a mirroring tool (bandersnatch, z3c.pypimirror, Artifactory, devpi)
 */
public record ValidEvent(Instant timestamp, String project, String projectName, String version, FileType fileType,
        String installerName, String installerVersion, String pythonVersion, String implementationName,
        String implementationVersion, String systemName, String systemRelease, String distroName,
        String distroVersion, String cpu, String countryCode, Boolean ci, String userAgent, UUID eventId,
        boolean mirror) {
}
