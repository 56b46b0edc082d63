package io.pkgpulse.producer.replay;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pkgpulse.names.ProjectNames;

/**
 * Reads project, version and file type from a distribution filename, as an index's access
 * log gives only the URL:
 * <ul>
 * <li>wheels: {@code {distribution}-{version}(-{build tag})?-{python tag}-{abi
 * tag}-{platform tag}.whl} (the wheel spec; the name and version contain no
 * {@code -});</li>
 * <li>sdists ({@code .tar.gz}, {@code .zip}, also {@code .tar.bz2}, {@code .tgz},
 * {@code .tar.xz}): split on the last {@code -} followed by a PEP 440 version, as
 * {@code packaging} does;</li>
 * <li>eggs ({@code name-version[-pyX.Y[-platform]].egg}), Windows installers
 * ({@code name-version.win-amd64[-pyX.Y]} {@code .exe}/{@code .msi}), RPMs
 * ({@code name-version-release.arch.rpm}) and macOS images
 * ({@code name-version-....dmg}).</li>
 * </ul>
 * A {@code .metadata} or {@code .asc} suffix is recognised and flagged. Names that are
 * not valid project names, and anything else, give nothing.
 */
public final class DistributionFilename {

    private static final Pattern INSTALLER_PYTHON = Pattern.compile("-py\\d+(?:\\.\\d+)?$");

    private static final Pattern INSTALLER_PLATFORM = Pattern.compile(
            "\\.(?:win32|win-amd64|win-arm64|win-ia64" + "|linux-[a-z0-9_]+|macosx-[a-z0-9_.-]+)$",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern DASH_DIGIT_VERSION = Pattern.compile("-(\\d[^-]*)");

    private static final String[] SDIST_EXTENSIONS = { ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz", ".tar" };

    private DistributionFilename() {
    }

    public static Optional<Distribution> parse(String filename) {
        if (filename == null || filename.isEmpty() || filename.indexOf('/') >= 0) {
            return Optional.empty();
        }
        String lower = filename.toLowerCase(Locale.ROOT);
        boolean notADownload = lower.endsWith(".metadata") || lower.endsWith(".asc");
        String file = notADownload ? filename.substring(0, filename.lastIndexOf('.')) : filename;
        lower = file.toLowerCase(Locale.ROOT);

        String[] nameAndVersion = null;
        String type = null;
        if (lower.endsWith(".whl")) {
            nameAndVersion = wheel(stem(file, ".whl"));
            type = "bdist_wheel";
        }
        else if (lower.endsWith(".egg")) {
            nameAndVersion = egg(stem(file, ".egg"));
            type = "bdist_egg";
        }
        else if (lower.endsWith(".exe")) {
            nameAndVersion = windowsInstaller(stem(file, ".exe"));
            type = "bdist_wininst";
        }
        else if (lower.endsWith(".msi")) {
            nameAndVersion = windowsInstaller(stem(file, ".msi"));
            type = "bdist_msi";
        }
        else if (lower.endsWith(".rpm")) {
            nameAndVersion = rpm(stem(file, ".rpm"));
            type = "bdist_rpm";
        }
        else if (lower.endsWith(".dmg")) {
            nameAndVersion = firstDashDigit(stem(file, ".dmg"));
            type = "bdist_dmg";
        }
        else {
            for (String extension : SDIST_EXTENSIONS) {
                if (lower.endsWith(extension)) {
                    nameAndVersion = sdist(stem(file, extension));
                    type = "sdist";
                    break;
                }
            }
        }
        if (nameAndVersion == null || !ProjectNames.isValid(nameAndVersion[0])
                || !isPlausibleVersion(nameAndVersion[1])) {
            return Optional.empty();
        }
        return Optional.of(new Distribution(filename, nameAndVersion[0], nameAndVersion[1], type, notADownload));
    }

    private static String stem(String file, String extension) {
        return file.substring(0, file.length() - extension.length());
    }

    /**
     * The wheel spec: five dash-separated parts, six with a build tag (which starts with
     * a digit).
     */
    private static String[] wheel(String stem) {
        String[] parts = stem.split("-", -1);
        if (parts.length != 5 && parts.length != 6) {
            return null;
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        if (parts.length == 6 && !Character.isDigit(parts[2].charAt(0))) {
            return null;
        }
        return new String[] { parts[0], parts[1] };
    }

    /**
     * The last {@code -} followed by a PEP 440 version; failing that, the last one
     * followed by a digit.
     */
    static String[] sdist(String stem) {
        for (int dash = stem.lastIndexOf('-'); dash > 0; dash = stem.lastIndexOf('-', dash - 1)) {
            if (Pep440.isValid(stem.substring(dash + 1))) {
                return new String[] { stem.substring(0, dash), stem.substring(dash + 1) };
            }
        }
        for (int dash = stem.lastIndexOf('-'); dash > 0; dash = stem.lastIndexOf('-', dash - 1)) {
            if (dash + 1 < stem.length() && Character.isDigit(stem.charAt(dash + 1))) {
                return new String[] { stem.substring(0, dash), stem.substring(dash + 1) };
            }
        }
        return null;
    }

    /**
     * setuptools escapes {@code -} in the name and version, so the first two parts are
     * name and version.
     */
    private static String[] egg(String stem) {
        String[] parts = stem.split("-");
        return parts.length >= 2 ? new String[] { parts[0], parts[1] } : null;
    }

    /**
     * {@code pywin32-306.win-amd64-py3.12}: drop the Python and platform suffixes, then
     * read it as an sdist stem.
     */
    private static String[] windowsInstaller(String stem) {
        String rest = INSTALLER_PYTHON.matcher(stem).replaceFirst("");
        rest = INSTALLER_PLATFORM.matcher(rest).replaceFirst("");
        String[] sdist = sdist(rest);
        return sdist != null ? sdist : firstDashDigit(stem);
    }

    /**
     * {@code name-version-release.arch}: the arch after the last dot, the release after
     * the last dash.
     */
    private static String[] rpm(String stem) {
        int dot = stem.lastIndexOf('.');
        String rest = dot > 0 ? stem.substring(0, dot) : stem;
        int releaseDash = rest.lastIndexOf('-');
        int versionDash = releaseDash > 0 ? rest.lastIndexOf('-', releaseDash - 1) : -1;
        if (versionDash <= 0) {
            return null;
        }
        return new String[] { rest.substring(0, versionDash), rest.substring(versionDash + 1, releaseDash) };
    }

    /**
     * {@code name-1.2.3-whatever}: the first {@code -} followed by a digit starts the
     * version, up to the next dash.
     */
    private static String[] firstDashDigit(String stem) {
        Matcher m = DASH_DIGIT_VERSION.matcher(stem);
        if (!m.find() || m.start() == 0) {
            return null;
        }
        return new String[] { stem.substring(0, m.start()), m.group(1) };
    }

    private static boolean isPlausibleVersion(String version) {
        if (version == null || version.isEmpty() || version.length() > 128) {
            return false;
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

}
