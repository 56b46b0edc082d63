package io.pkgpulse.bench.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.pkgpulse.model.catalog.Package;
import io.pkgpulse.model.catalog.PackageRepository;
import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.model.catalog.Release;
import io.pkgpulse.model.catalog.ReleaseRepository;
import io.pkgpulse.model.downloads.Download;
import io.pkgpulse.model.downloads.FileType;
import io.pkgpulse.model.downloads.ClientProfile;

/**
 * A batch listener that maps each event to a {@link Download} entity and saves the batch
 * with {@code saveAll}, finding or creating packages, releases and client profiles
 * through repositories (remembered for the batch, as a careful team would). JDBC batching
 * is on (the model's defaults). Bots and metadata fetches are skipped the simple way;
 * pip's JSON agent is read for its details.
 */
@Component
class SaveAllConsumer {

    private final PackageRepository packages;

    private final ReleaseRepository releases;

    private final ClientProfileRepository profiles;

    private final DownloadRepository downloads;

    private final ObjectMapper json = new ObjectMapper();

    private final Counter stored;

    SaveAllConsumer(PackageRepository packages, ReleaseRepository releases, ClientProfileRepository profiles,
            DownloadRepository downloads, MeterRegistry meters) {
        this.packages = packages;
        this.releases = releases;
        this.profiles = profiles;
        this.downloads = downloads;
        this.stored = meters.counter("bench.jpa.events.stored");
    }

    @KafkaListener(topics = "${bench.topic:pypi.downloads.v1}", groupId = "${bench.group:bench-jpa}", batch = "true")
    @Transactional
    void onBatch(List<String> values) {
        Map<String, Package> packagesSeen = new HashMap<>();
        Map<String, Release> releasesSeen = new HashMap<>();
        Map<ClientProfile.Fields, ClientProfile> profilesSeen = new HashMap<>();
        List<Download> batch = new ArrayList<>(values.size());
        for (String value : values) {
            JsonNode event = json.readTree(value);
            String filename = event.path("file").path("filename").asString("");
            String agent = event.path("user_agent").isString() ? event.get("user_agent").asString() : null;
            if (filename.endsWith(".metadata") || filename.endsWith(".asc")
                    || (agent != null && agent.contains("bot"))) {
                continue;
            }
            String project = event.path("project").asString();
            String name = ProjectNames.normalize(project);
            Package pkg = packagesSeen.computeIfAbsent(name,
                    n -> packages.findByNormalizedName(n).orElseGet(() -> packages.save(new Package(project))));
            String version = event.path("file").path("version").asString();
            Release release = releasesSeen.computeIfAbsent(name + " " + version,
                    k -> releases.findByPackageAndVersion(pkg, version)
                        .orElseGet(() -> releases.save(pkg.addRelease(new Release(version)))));
            Download download = new Download(release,
                    FileType.fromPypiName(event.path("file").path("type").asString()).orElseThrow(),
                    Instant.parse(event.path("timestamp").asString()));
            JsonNode details = event.get("details");
            if (agent != null) {
                int space = agent.indexOf(' ');
                boolean jsonAgent = agent.startsWith("pip/") || agent.startsWith("uv/");
                if (jsonAgent && space > 0 && agent.charAt(space + 1) == '{') {
                    details = json.readTree(agent.substring(space + 1));
                }
            }
            JsonNode d = details == null ? json.missingNode() : details;
            ClientProfile.Fields client = new ClientProfile.Fields(text(d.path("installer").path("name")),
                    text(d.path("installer").path("version")), text(d.path("python")),
                    text(d.path("implementation").path("name")), text(d.path("implementation").path("version")),
                    text(d.path("system").path("name")), text(d.path("system").path("release")),
                    text(d.path("distro").path("name")), text(d.path("distro").path("version")),
                    text(d.path("distro").path("id")), text(d.path("distro").path("libc").path("lib")),
                    text(d.path("distro").path("libc").path("version")), text(d.path("cpu")),
                    d.path("ci").isBoolean() ? d.get("ci").asBoolean() : null, ClientProfile.truncateAgent(agent));
            if (!client.isEmpty()) {
                download.setClientProfile(profilesSeen.computeIfAbsent(client,
                        c -> profiles.findBySha256(c.sha256()).orElseGet(() -> profiles.save(new ClientProfile(c)))));
            }
            String country = text(event.path("country_code"));
            download.setCountryCode(country == null ? null : country.toUpperCase());
            batch.add(download);
        }
        downloads.saveAll(batch);
        stored.increment(batch.size());
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

}
