package org.framescope;

/** framescope's release version, recorded in every model bundle. A constant holder: thread-safe, never instantiated. */
public final class Version {
    /** This build's version, equal to the Maven artifact's version. */
    public static final String VERSION = "0.1.0";

    private Version() {}
}
