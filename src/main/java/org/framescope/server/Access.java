package org.framescope.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.framescope.util.Hosts;

/** Who may call the service: loopback callers freely, anyone else only with the bearer token. */
final class Access {

    /** Shorter keys are guessable; refuse them rather than pretend to protect the service. */
    static final int MIN_KEY_LENGTH = 16;

    private final byte[] key;

    Access(String apiKey) {
        this.key = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    }

    boolean required() {
        return key != null;
    }

    /** Constant-time comparison, so response timing does not leak how much of a guess was right. */
    boolean allows(String authorizationHeader) {
        if (key == null) {
            return true;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorizationHeader.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, key);
    }

    /** Refuses a configuration that would expose the service without a key, or with a weak one. */
    static void check(ServerConfig config) {
        if (config.apiKey() != null && config.apiKey().strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the API key is shorter than " + MIN_KEY_LENGTH + " characters");
        }
        if (config.apiKey() == null && !Hosts.isLoopback(config.host())) {
            throw new IllegalArgumentException(
                    "refusing to listen on " + config.host()
                            + " without an API key: set FRAMESCOPE_API_KEY or pass --api-key-file (loopback addresses need none)");
        }
    }
}
