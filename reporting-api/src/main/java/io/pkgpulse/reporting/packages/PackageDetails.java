package io.pkgpulse.reporting.dashboard;

import java.net.URI;
import java.util.Locale;

/**
 * What the package page says about a package besides its numbers. Public only for the templates.
 *
 * @param homePage shown as a link only when it is an http(s) URL ({@link #safeHomePage()})
 */
public record PackageDetails(String summary, String homePage, String licenseShortName, String licenseName) {

    static final PackageDetails NONE = new PackageDetails(null, null, null, null);

    /** The home page if it is an absolute http or https URL, else null: never a {@code javascript:} link. */
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
