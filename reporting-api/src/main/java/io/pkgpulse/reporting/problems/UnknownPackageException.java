package io.pkgpulse.reporting.problems;

/**
 * No such package, or one the caller may not see (the two are deliberately
 * indistinguishable).
 */
public class UnknownPackageException extends RuntimeException {

    public UnknownPackageException(String name) {
        super("No package named '" + abbreviate(name) + "'");
    }

    private static String abbreviate(String name) {
        return name == null ? "" : name.length() > 100 ? name.substring(0, 100) + "..." : name;
    }

}
