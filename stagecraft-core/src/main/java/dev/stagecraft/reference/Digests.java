package dev.stagecraft.reference;

import java.util.Map;

/**
 * Digest validation as {@code github.com/opencontainers/go-digest} v1 does it ({@code Digest.Validate}),
 * with the algorithms a BuildKit binary has registered: sha256, sha384 and sha512, lower-case hex.
 */
final class Digests {
    static final String INVALID_FORMAT = "invalid checksum digest format";
    static final String INVALID_LENGTH = "invalid checksum digest length";
    static final String UNSUPPORTED = "unsupported digest algorithm";

    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);

    private Digests() {}

    /**
     * Checks {@code digest} ({@code algorithm:encoded}).
     *
     * @throws InvalidReferenceException with go-digest's message when it is not valid
     */
    static void validate(String digest) {
        int colon = digest.indexOf(':');
        if (colon <= 0 || colon + 1 == digest.length()) {
            throw new InvalidReferenceException(INVALID_FORMAT);
        }
        String algorithm = digest.substring(0, colon);
        String encoded = digest.substring(colon + 1);
        Integer length = HEX_LENGTHS.get(algorithm);
        if (length == null) {
            // go-digest tells a well-formed digest of an unknown algorithm from garbage.
            throw new InvalidReferenceException(isWellFormed(algorithm, encoded) ? UNSUPPORTED : INVALID_FORMAT);
        }
        if (encoded.length() != length) {
            throw new InvalidReferenceException(INVALID_LENGTH);
        }
        if (!encoded.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new InvalidReferenceException(INVALID_FORMAT);
        }
    }

    /** go-digest's {@code DigestRegexp}: lower-case algorithm components joined by one of {@code .+_-}. */
    private static boolean isWellFormed(String algorithm, String encoded) {
        boolean expectComponent = true;
        for (int i = 0; i < algorithm.length(); i++) {
            char c = algorithm.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                expectComponent = false;
            } else if (".+_-".indexOf(c) >= 0 && !expectComponent) {
                expectComponent = true;
            } else {
                return false;
            }
        }
        return !expectComponent
                && encoded.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                        || c >= '0' && c <= '9' || c == '=' || c == '_' || c == '-');
    }
}
