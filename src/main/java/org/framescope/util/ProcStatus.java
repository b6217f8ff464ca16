package org.framescope.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fields of Linux's /proc/self/status (resident and peak resident memory): the process-wide
 * figures that the JVM's own heap numbers do not give.
 */
public final class ProcStatus {

    private ProcStatus() {}

    /**
     * A field of /proc/self/status in kB, such as {@code "VmRSS:"} or {@code "VmHWM:"}.
     *
     * @param field the field name with its colon
     * @return the value in kB, or -1 where there is no such file or field (not Linux)
     */
    public static long kb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no process-wide figure
        }
        return -1;
    }
}
