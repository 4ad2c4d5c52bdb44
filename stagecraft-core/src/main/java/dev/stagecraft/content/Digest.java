package dev.stagecraft.content;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:hex} (OCI image-spec "digests"). stagecraft computes
 * {@code sha256} and accepts {@code sha256}, {@code sha384} and {@code sha512} from outside.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");
    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> throw new InvalidDigestException("unsupported digest algorithm: " + algorithm);
        };
        if (hex.length() != expected || !HEX.matcher(hex).matches()) {
            throw new InvalidDigestException("invalid " + algorithm + " digest: " + hex);
        }
    }

    /** Parses {@code sha256:<64 lowercase hex>}. */
    public static Digest parse(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0 || !ALGORITHM.matcher(s.substring(0, colon)).matches()) {
            throw new InvalidDigestException("invalid digest: " + s);
        }
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    /** The sha256 of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    /** The sha256 of everything {@code in} yields (the stream is read to its end, not closed). */
    public static Digest sha256(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    /** A fresh {@code SHA-256} message digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A fresh message digest for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "sha384" -> "SHA-384";
                case "sha512" -> "SHA-512";
                default -> "SHA-256";
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    /** The first 12 hex characters, the short image id {@code docker images} shows. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
