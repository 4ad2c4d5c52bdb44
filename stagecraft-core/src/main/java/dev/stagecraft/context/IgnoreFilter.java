package dev.stagecraft.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Which paths of a directory survive {@code .dockerignore}, as fsutil's filtered walk sends them:
 * a path is kept when the patterns do not exclude it (parents' results handed down); an excluded
 * directory is still kept when something below it is kept (an exception matched inside it).
 */
final class IgnoreFilter {
    private final Path root;
    private final PatternMatcher matcher;
    private final Map<String, PatternMatcher.MatchInfo> dirInfo = new HashMap<>();
    private final Map<String, Boolean> keptBelow = new HashMap<>();

    IgnoreFilter(Path root, PatternMatcher matcher) {
        this.root = root;
        this.matcher = matcher;
    }

    /** Whether the entry at {@code rel} (relative, clean, not empty) exists in the filtered view. */
    boolean visible(String rel, BasicFileAttributes attrs) {
        if (!excluded(rel)) {
            return true;
        }
        return attrs.isDirectory() && hasKeptDescendant(rel);
    }

    private boolean excluded(String rel) {
        return result(rel).matched();
    }

    private PatternMatcher.Result result(String rel) {
        int slash = rel.lastIndexOf('/');
        PatternMatcher.MatchInfo parent = slash < 0 ? PatternMatcher.rootInfo() : info(rel.substring(0, slash));
        return matcher.matchesUsingParent(rel, parent);
    }

    private PatternMatcher.MatchInfo info(String dir) {
        PatternMatcher.MatchInfo known = dirInfo.get(dir);
        if (known == null) {
            known = result(dir).info();
            dirInfo.put(dir, known);
        }
        return known;
    }

    private boolean hasKeptDescendant(String dir) {
        Boolean known = keptBelow.get(dir);
        if (known != null) {
            return known;
        }
        boolean kept = false;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root.resolve(dir))) {
            for (Path child : children) {
                String rel = dir + "/" + child.getFileName();
                BasicFileAttributes a = SourceTree.lstat(child);
                if (a != null && visible(rel, a)) {
                    kept = true;
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keptBelow.put(dir, kept);
        return kept;
    }
}
