package org.framescope.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.framescope.util.InputException;
import org.framescope.util.InputFiles;

/** Opens text input strictly as UTF-8 (bad bytes are an error, not silent replacement); "-" is stdin. */
public final class TextInput {

    private TextInput() {}

    /**
     * Opens a file ({@code -} for stdin) as a buffered strict UTF-8 reader: malformed input fails on
     * reading.
     *
     * @throws InputException if the file does not exist, is a directory or is not readable
     * @throws IOException if the file cannot be opened
     */
    public static Reader open(String name) throws IOException {
        InputStream in = InputFiles.open(name);
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, dec), 1 << 16);
    }

    /** The name to show for an input in messages: {@code <stdin>} for {@code -}, else the name itself. */
    public static String displayName(String name) {
        return "-".equals(name) ? "<stdin>" : name;
    }

    /** Reads a whole text file as strict UTF-8, with a size limit. */
    public static String readAll(String name, long maxChars) throws IOException {
        try (Reader r = open(name)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[1 << 16];
            for (int n; (n = r.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
                if (sb.length() > maxChars) { // stop reading at once: the rest of the file may be huge
                    throw new InputException(
                            displayName(name),
                            0,
                            null,
                            "text is longer than the limit of " + maxChars + " characters (--max-chars)");
                }
            }
            return sb.toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(displayName(name), 0, null, "not valid UTF-8 text (" + e.getMessage() + ")");
        }
    }
}
