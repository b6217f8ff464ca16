package org.framescope;

/** framescope's release version, recorded in every model bundle. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
