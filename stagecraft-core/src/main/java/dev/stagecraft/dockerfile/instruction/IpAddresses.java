package dev.stagecraft.dockerfile.instruction;

/** Go's {@code net.ParseIP} acceptance test, without any name lookup. */
final class IpAddresses {
    private IpAddresses() {
    }

    static boolean isValid(String s) {
        return s.indexOf(':') >= 0 ? isIpv6(s) : isIpv4(s);
    }

    /** Dotted decimal, four parts of 0-255; Go rejects leading zeros. */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || part.length() > 1 && part.charAt(0) == '0' || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        int ellipsis = s.indexOf("::");
        if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) {
            return false;
        }
        String head = ellipsis >= 0 ? s.substring(0, ellipsis) : s;
        String tail = ellipsis >= 0 ? s.substring(ellipsis + 2) : "";
        int groups = count(head, tail.isEmpty() && ellipsis < 0);
        if (groups < 0) {
            return false;
        }
        int tailGroups = ellipsis >= 0 ? count(tail, true) : 0;
        if (tailGroups < 0) {
            return false;
        }
        int total = groups + tailGroups;
        return ellipsis >= 0 ? total <= 8 : total == 8;
    }

    /** Counts 16-bit groups; an IPv4 suffix counts as two; -1 when malformed. */
    private static int count(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] groups = part.split(":", -1);
        int n = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (i == groups.length - 1 && mayEndWithIpv4 && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    return -1;
                }
                n += 2;
                continue;
            }
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return -1;
            }
            n++;
        }
        return n;
    }
}
