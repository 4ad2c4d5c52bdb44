package dev.stagecraft.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PAX extended-header records ({@code "%d %s=%s\n"}, POSIX.1-2001) as raw bytes.
 *
 * <p>Hand-written because Commons Compress carries PAX values as {@code String}s decoded and
 * encoded as UTF-8, which corrupts binary values such as {@code SCHILY.xattr.security.capability}.
 * Values here stay bytes in both directions.
 */
final class PaxRecords {
    static final String XATTR_PREFIX = "SCHILY.xattr.";

    private PaxRecords() {
    }

    /** Encodes records in the map's order (callers pass a sorted map for reproducible output). */
    static byte[] encode(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = key.length + r.getValue().length + 3; // ' ', '=', '\n'
            int len = body + Integer.toString(body).length();
            // Adding the length's own digits can carry it into one more digit.
            if (Integer.toString(len).length() != Integer.toString(body).length()) {
                len = body + Integer.toString(len).length();
            }
            out.writeBytes((len + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(r.getValue());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * Decodes records; a malformed record ends decoding (Commons Compress has already validated
     * the same bytes, so this only matters for values it let through).
     */
    static Map<String, byte[]> decode(byte[] data, int from, int to) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int pos = from;
        while (pos < to) {
            int space = pos;
            long len = 0;
            while (space < to && data[space] >= '0' && data[space] <= '9' && len < Integer.MAX_VALUE) {
                len = len * 10 + (data[space++] - '0');
            }
            if (space >= to || data[space] != ' ' || len <= space - pos || pos + len > to) {
                break;
            }
            int end = (int) (pos + len);
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq >= end || data[end - 1] != '\n') {
                break;
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            records.put(key, Arrays.copyOfRange(data, eq + 1, end - 1));
            pos = end;
        }
        return records;
    }
}
