package org.framescope.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.framescope.Version;

/** The bundled OpenAPI description with this server's limits and version filled in, so it is true of this instance. */
final class OpenApiDocument {

    static final String RESOURCE = "/org/framescope/server/openapi.json";

    private OpenApiDocument() {}

    static byte[] render(ServerConfig config, ObjectMapper mapper) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            ObjectNode root = (ObjectNode) mapper.readTree(in);
            ((ObjectNode) root.path("info")).put("version", Version.VERSION);
            ObjectNode schemas = (ObjectNode) root.path("components").path("schemas");
            ((ObjectNode) schemas.path("ClassifyRequest").path("properties").path("text"))
                    .put("maxLength", config.maxTextChars());
            ((ObjectNode) schemas.path("ArticleInput").path("properties").path("text"))
                    .put("maxLength", config.maxTextChars());
            ((ObjectNode) schemas.path("ClassifyRequest").path("properties").path("articles"))
                    .put("maxItems", config.maxArticles());
            ((ObjectNode) root.path("info")).put("x-max-body-bytes", config.maxBodyBytes());
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
