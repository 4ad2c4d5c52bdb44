package dev.stagecraft.context;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describes selected entries path by path, the form a {@link SelectionListing} keeps them in. */
final class SelectionEntries {
    private SelectionEntries() {
    }

    /** Path to description, in walk order; see {@link SelectionListing#entries()}. */
    static Map<String, String> describe(List<SelectedEntry> entries) {
        Map<Integer, String> matches = new HashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (SelectedEntry e : entries) {
            switch (e.kind) {
                case MATCH -> matches.put(e.match, trim(e.path));
                case MISSING -> out.put(trim(e.path), "missing");
                case ENTRY -> out.put(path(matches.getOrDefault(e.match, ""), e.path), describe(e));
                default -> throw new IllegalStateException(e.kind.toString());
            }
        }
        return out;
    }

    private static String trim(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? "." : p;
    }

    private static String path(String match, String below) {
        if (below.isEmpty()) {
            return match;
        }
        return match.equals(".") ? below : match + "/" + below;
    }

    private static String describe(SelectedEntry e) {
        FileStat st = e.stat;
        String mode = Integer.toOctalString(st.mode() & 07777);
        int type = st.type();
        if (type == FileStat.S_IFREG) {
            return "f " + mode + " " + HexFormat.of().formatHex(e.digest);
        } else if (type == FileStat.S_IFDIR) {
            return "d " + mode;
        } else if (type == FileStat.S_IFLNK) {
            return "l " + mode + " " + e.linkTarget;
        } else if (type == FileStat.S_IFCHR || type == FileStat.S_IFBLK) {
            return (type == FileStat.S_IFCHR ? "c " : "b ") + mode + " " + st.rdev();
        }
        return (type == 0010000 ? "p " : "s ") + mode;
    }
}
