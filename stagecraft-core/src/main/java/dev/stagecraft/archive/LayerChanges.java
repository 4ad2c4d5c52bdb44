package dev.stagecraft.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a layer changes relative to the layers below it, for
 * {@link LayerWriter#writeChanges}: paths whose entry is written from a tree as it is there now,
 * paths deleted (written as {@code .wh.name} whiteouts) and directories that hide everything
 * below them (written as the directory plus {@code dir/.wh..wh..opq}).
 *
 * <p>Paths are relative, {@code /}-separated, without {@code .} or {@code ..} components. The
 * parent directories of every change are written too, from the tree, as BuildKit's and
 * containerd's change writers do, so that the layer recreates them with the right metadata.
 * Calling twice for one path keeps the last call.
 */
public final class LayerChanges {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";

    enum Kind { ENTRY, WHITEOUT, OPAQUE }

    /** One tar record in write order: an entry copied from {@code path}, or a whiteout file. */
    record Record(String tarName, String path, boolean whiteout, boolean directory) {
    }

    private final Map<String, Kind> changes = new HashMap<>();
    private Map<java.nio.file.Path, byte[]> capabilities;

    /** The entry at {@code path} (not what is below it) is written as the tree has it. */
    /**
     * The {@code security.capability} values of the tree's files, keyed by absolute real path,
     * when the caller has read them already (saves the writer a walk of the tree).
     */
    public LayerChanges capabilities(Map<java.nio.file.Path, byte[]> values) {
        this.capabilities = values;
        return this;
    }

    /** What {@link #capabilities(Map)} gave, or null. */
    public Map<java.nio.file.Path, byte[]> capabilities() {
        return capabilities;
    }

    public LayerChanges add(String path) {
        changes.put(check(path), Kind.ENTRY);
        return this;
    }

    /** {@code path} was removed: a whiteout hides it and everything below it. */
    public LayerChanges delete(String path) {
        changes.put(check(path), Kind.WHITEOUT);
        return this;
    }

    /** The directory {@code path} is written and hides what lower layers have below it. */
    public LayerChanges opaque(String path) {
        changes.put(check(path), Kind.OPAQUE);
        return this;
    }

    /** Whether no change was recorded. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * The records to write, sorted by their components: a directory before its contents, its
     * opaque marker first among them, siblings (whiteouts included) by name.
     */
    List<Record> records() {
        Map<List<String>, Record> byKey = new HashMap<>();
        for (Map.Entry<String, Kind> c : changes.entrySet()) {
            List<String> parts = Arrays.asList(c.getKey().split("/"));
            for (int i = 1; i < parts.size(); i++) {
                List<String> parent = parts.subList(0, i);
                byKey.putIfAbsent(parent, new Record(String.join("/", parent), String.join("/", parent), false, true));
            }
            String path = c.getKey();
            switch (c.getValue()) {
                case ENTRY -> byKey.put(parts, new Record(path, path, false, false));
                case OPAQUE -> {
                    byKey.put(parts, new Record(path, path, false, true));
                    List<String> marker = new ArrayList<>(parts);
                    marker.add(""); // sorts first among the directory's contents
                    byKey.put(marker, new Record(path + "/" + OPAQUE_MARKER, path, true, false));
                }
                case WHITEOUT -> {
                    List<String> key = new ArrayList<>(parts.subList(0, parts.size() - 1));
                    String base = WHITEOUT_PREFIX + parts.get(parts.size() - 1);
                    key.add(base);
                    String dir = String.join("/", parts.subList(0, parts.size() - 1));
                    byKey.put(key, new Record(dir.isEmpty() ? base : dir + "/" + base, path, true, false));
                }
                default -> throw new IllegalStateException(c.getValue().toString());
            }
        }
        List<List<String>> keys = new ArrayList<>(byKey.keySet());
        keys.sort(LayerChanges::compare);
        List<Record> out = new ArrayList<>(keys.size());
        for (List<String> k : keys) {
            out.add(byKey.get(k));
        }
        return out;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static String check(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("not a relative path: \"" + path + "\"");
        }
        for (String c : path.split("/", -1)) {
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                throw new IllegalArgumentException("not a clean relative path: \"" + path + "\"");
            }
        }
        return path;
    }
}
