package org.framescope.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helper for other packages: reads, edits and reseals the manifest of a saved bundle. */
public final class ManifestEdits {

    private ManifestEdits() {}

    /** The manifest of a bundle file as JSON. */
    public static ObjectNode manifest(Path bundle) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(ModelBundle.MANIFEST)) {
                    return (ObjectNode) ModelBundle.mapper().readTree(in.readAllBytes());
                }
            }
        }
        throw new IllegalStateException("no manifest in " + bundle);
    }

    /** A copy of the bundle with its manifest edited and resealed, as a careful forger would: only validation remains. */
    public static Path edit(Path from, Path to, Consumer<ObjectNode> edit) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                ZipOutputStream out = new ZipOutputStream(bos)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(ModelBundle.MANIFEST)) {
                    ObjectNode n = (ObjectNode) ModelBundle.mapper().readTree(data);
                    edit.accept(n);
                    n.put(ManifestChecks.DIGEST, ManifestChecks.digest(n));
                    data = ModelBundle.mapper().writeValueAsBytes(n);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        return Files.write(to, bos.toByteArray());
    }
}
