package io.pkgpulse.ingest.write;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.IngestProperties.UnknownPackagePolicy;
import io.pkgpulse.ingest.events.RejectReason;
import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.ingest.write.CatalogIds.ReleaseKey;
import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.model.downloads.DownloadsProperties;

/**
 * The one step between checking a batch and writing it: resolves every id its events are
 * stored under. Package and release ids first (unknown ones registered, or rejected, as
 * {@code pkgpulse.ingest.unknown-packages} says); then history-import lines counted
 * before are skipped (their marks are per package id, so this needs the package ids);
 * then the client-profile ids of the events that keep a raw row. All of it runs before
 * the batch's transaction: registrations commit on their own, so a batch that rolls back
 * and is retried finds them.
 */
@Component
public class EventIds {

    private final CatalogIds catalog;

    private final HistoryImports imports;

    private final ClientProfileIds clientProfiles;

    private final DownloadsProperties downloads;

    private final Clock clock;

    private final boolean registerUnknown;

    EventIds(CatalogIds catalog, HistoryImports imports, ClientProfileIds clientProfiles, IngestProperties properties,
            DownloadsProperties downloads, Clock clock) {
        this.catalog = catalog;
        this.imports = imports;
        this.clientProfiles = clientProfiles;
        this.downloads = downloads;
        this.clock = clock;
        this.registerUnknown = properties.unknownPackages() == UnknownPackagePolicy.REGISTER;
    }

    /**
     * Resolves {@code events}, the accepted events of a batch, each from the source at
     * the same index of {@code sources}. Marks the phases {@code ids} (packages,
     * releases, history imports) and {@code profiles}.
     * @throws MissingReferencesException if a cached package turned out to be deleted; it
     * is forgotten, and the retried batch registers it again
     */
    public <S> ResolvedBatch<S> resolve(List<S> sources, List<ValidEvent> events, BatchPhases phases) {
        Instant now = clock.instant();
        LocalDate firstRawDay = downloads.firstRawDay(LocalDate.ofInstant(now, ZoneOffset.UTC));
        List<ResolvedBatch.Unresolved<S>> unresolved = new ArrayList<>();
        List<ResolvedEvent> resolved = catalogIds(sources, events, firstRawDay, unresolved);
        HistoryImports.Outcome imported = imports.filter(resolved);
        phases.mark("ids");
        List<ResolvedEvent> counted = withClientProfiles(imported.counted());
        phases.mark("profiles");
        return new ResolvedBatch<>(counted, unresolved, imported.repeated(), imported.advances(), now);
    }

    private <S> List<ResolvedEvent> catalogIds(List<S> sources, List<ValidEvent> events, LocalDate firstRawDay,
            List<ResolvedBatch.Unresolved<S>> unresolved) {
        Map<String, String> names = new LinkedHashMap<>();
        events.forEach(e -> names.putIfAbsent(e.project(), e.projectName()));
        Map<String, Long> packageIds = catalog.packageIds(names, registerUnknown);
        Set<ReleaseKey> releaseKeys = events.stream()
            .filter(e -> packageIds.containsKey(e.project()))
            .map(e -> new ReleaseKey(packageIds.get(e.project()), e.version()))
            .collect(Collectors.toSet());
        Map<ReleaseKey, Long> releaseIds = catalog.releaseIds(releaseKeys, registerUnknown);

        List<ResolvedEvent> resolved = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ValidEvent event = events.get(i);
            Long packageId = packageIds.get(event.project());
            Long releaseId = packageId == null ? null : releaseIds.get(new ReleaseKey(packageId, event.version()));
            if (packageId == null) {
                unresolved.add(new ResolvedBatch.Unresolved<>(sources.get(i), RejectReason.UNKNOWN_PACKAGE,
                        "project '" + event.project() + "' is not registered"));
            }
            else if (releaseId == null) {
                unresolved.add(new ResolvedBatch.Unresolved<>(sources.get(i), RejectReason.UNKNOWN_RELEASE,
                        "version '" + event.version() + "' of '" + event.project() + "' is not registered"));
            }
            else {
                boolean rawRow = !LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC).isBefore(firstRawDay);
                resolved.add(new ResolvedEvent(event, packageId, releaseId, rawRow, null));
            }
        }
        return resolved;
    }

    /**
     * Only events that keep a raw row need a profile: rollups do not refer to profiles.
     */
    private List<ResolvedEvent> withClientProfiles(List<ResolvedEvent> events) {
        Set<ClientProfile.Fields> clients = new HashSet<>();
        events.stream().filter(ResolvedEvent::rawRow).forEach(e -> clients.add(e.event().client()));
        Map<ClientProfile.Fields, Integer> profileIds = clientProfiles.idsOf(clients);
        List<ResolvedEvent> withProfiles = new ArrayList<>(events.size());
        for (ResolvedEvent e : events) {
            withProfiles.add(e.rawRow() ? e.withClientProfileId(profileIds.get(e.event().client())) : e);
        }
        return withProfiles;
    }

}
