package io.pkgpulse.reporting.packages;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * What is said about a package besides its numbers: the package page shows it, and
 * {@code GET /api/packages/{package}} answers with it. Public for the templates too.
 *
 * @param homePage shown as a link only when it is an http(s) URL
 * ({@link #safeHomePage()})
 */
public record PackageDetails(String name, String summary, String homePage, Instant createdAt, String licenseShortName,
        String licenseName) {

    public static final PackageDetails NONE = new PackageDetails(null, null, null, null, null, null);

    /**
     * The home page if it is an absolute http or https URL, else null: never a
     * {@code javascript:} link.
     */
    public String safeHomePage() {
        if (homePage == null || homePage.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(homePage.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        }
        catch (java.net.URISyntaxException ex) {
            return null;
        }
    }

    /** "MIT License (MIT)", or whichever part is known. */
    public String license() {
        if (licenseShortName == null) {
            return null;
        }
        return licenseName == null || licenseName.equals(licenseShortName) ? licenseShortName
                : licenseName + " (" + licenseShortName + ")";
    }
}
