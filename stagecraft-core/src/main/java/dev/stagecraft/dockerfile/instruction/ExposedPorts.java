package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPOSE port specs, checked and expanded at dispatch as BuildKit's {@code parsePortSpecs} does:
 * {@code [ip:[hostPort]:]port[-end][/proto]} becomes {@code port/proto} entries; the IP and host
 * port are checked but otherwise ignored.
 */
public final class ExposedPorts {
    private ExposedPorts() {
    }

    /**
     * Parses the expanded (and word-split) EXPOSE arguments.
     *
     * @return the {@code port/proto} entries in order, ranges expanded, protocols lower-cased;
     *         duplicates are kept, as in BuildKit's history text ({@code EXPOSE [80/tcp 80/tcp]})
     * @throws DockerfileException with BuildKit's message, e.g. {@code invalid proto: foo}
     */
    public static List<String> parse(List<String> expandedWords) {
        List<String> out = new ArrayList<>();
        for (String word : expandedWords) {
            out.addAll(parseSpec(word));
        }
        return out;
    }

    private static List<String> parseSpec(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip = n >= 3 ? String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2)) : "";
        String hostPort = n >= 2 ? parts[n - 2] : "";
        String containerWithProto = parts[n - 1];

        int slash = containerWithProto.indexOf('/');
        String containerPort = slash < 0 ? containerWithProto : containerWithProto.substring(0, slash);
        String proto = slash < 0 ? "" : containerWithProto.substring(slash + 1).toLowerCase(Locale.ROOT);
        if (containerPort.isEmpty()) {
            throw fail("no port specified: " + containerWithProto + "<empty>");
        }
        if (proto.isEmpty()) {
            proto = "tcp";
        } else if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw fail("invalid proto: " + proto);
        }
        checkIp(ip);

        long[] range = portRange(containerPort);
        if (range == null) {
            throw fail("invalid containerPort: " + containerPort);
        }
        if (!hostPort.isEmpty()) {
            long[] hostRange = portRange(hostPort);
            if (hostRange == null) {
                throw fail("invalid hostPort: " + hostPort);
            }
            // A host range with a single container port is a dynamic allocation range.
            if (range[1] - range[0] != hostRange[1] - hostRange[0] && range[1] != range[0]) {
                throw fail("invalid ranges specified for container and host Ports: " + containerPort
                        + " and " + hostPort);
            }
        }
        List<String> ports = new ArrayList<>();
        for (long p = range[0]; p <= range[1]; p++) {
            ports.add(p + "/" + proto);
        }
        return ports;
    }

    private static void checkIp(String ip) {
        if (ip.isEmpty()) {
            return;
        }
        String host = ip;
        if (host.charAt(0) == '[') {
            int close = host.indexOf(']');
            if (close < 0) {
                throw fail("invalid IP address " + ip + ": address " + ip + ":: missing ']' in address");
            }
            if (close != host.length() - 1) {
                throw fail("invalid IP address " + ip + ": address " + ip + ":: missing port in address");
            }
            host = host.substring(1, close);
        }
        if (!host.isEmpty() && !IpAddresses.isValid(host)) {
            throw fail("invalid IP address: " + host);
        }
    }

    /** {@code parsePortRange}: {@code 80} or {@code 8000-8010}, each a 16-bit number; null if bad. */
    private static long[] portRange(String ports) {
        if (!ports.contains("-")) {
            long p = uint16(ports);
            return p < 0 ? null : new long[] {p, p};
        }
        String[] parts = ports.split("-", -1);
        if (parts.length != 2) {
            return null;
        }
        long start = uint16(parts[0]);
        long end = uint16(parts[1]);
        if (start < 0 || end < 0 || end < start) {
            return null;
        }
        return new long[] {start, end};
    }

    private static long uint16(String s) {
        long n = GoNumbers.parseUint32(s, 10);
        return n > 0xFFFF ? -1 : n;
    }

    private static DockerfileException fail(String reason) {
        return new DockerfileException(reason);
    }
}
