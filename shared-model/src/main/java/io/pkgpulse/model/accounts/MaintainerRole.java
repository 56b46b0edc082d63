package io.pkgpulse.model.accounts;

/** What a maintainer may do with a package. */
public enum MaintainerRole {

    /** Manages the package's maintainers and visibility, and reads its stats. */
    OWNER,
    /** Reads the package's stats, also when it is private. */
    MAINTAINER

}
