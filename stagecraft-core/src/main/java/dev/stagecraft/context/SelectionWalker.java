package dev.stagecraft.context;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.text.GoText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists what a {@link Selection} selects from a {@link SourceTree}, exactly as the file worker's
 * COPY reads it: the source is expanded with {@link SourceTree#glob} when wildcards are allowed;
 * each match is resolved (its last symlink followed only with {@code followSymlinks}); a matched
 * directory is walked in name order without following symlinks; include and exclude patterns are
 * matched against the path below the match, and a directory that is not itself included counts
 * only when something below it is (the copy creates it then). A source or wildcard base that does
 * not exist, or cannot be resolved, is listed as missing rather than failing: the copy reports it.
 */
final class SelectionWalker {
    private final SourceTree tree;
    private final Selection selection;
    private final PatternMatcher include;
    private final PatternMatcher exclude;
    private final List<SelectedEntry> out = new ArrayList<>();
    /** Directories on the way down that are listed only when something below them is. */
    private final List<SelectedEntry> pending = new ArrayList<>();

    private SelectionWalker(SourceTree tree, Selection selection) {
        this.tree = tree;
        this.selection = selection;
        this.include = selection.includePatterns().isEmpty() ? null : PatternMatcher.compile(selection.includePatterns());
        this.exclude = selection.excludePatterns().isEmpty() ? null : PatternMatcher.compile(selection.excludePatterns());
    }

    /** What {@code selection} selects from {@code tree}, in canonical order. */
    static List<SelectedEntry> walk(SourceTree tree, Selection selection) throws IOException {
        SelectionWalker w = new SelectionWalker(tree, selection);
        try {
            w.walkAll();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return w.out;
    }

    private void walkAll() throws IOException {
        String source = GoText.clean("/" + selection.source());
        List<String> matches;
        if (selection.allowWildcard()) {
            try {
                matches = tree.glob(source, selection.followSymlinks());
            } catch (StagecraftException e) {
                out.add(SelectedEntry.missing(0, source));
                return;
            }
        } else {
            matches = List.of(source);
        }
        for (int i = 0; i < matches.size(); i++) {
            String match = matches.get(i);
            out.add(SelectedEntry.match(i, match));
            ResolvedPath r;
            try {
                r = tree.resolve(match, selection.followSymlinks());
            } catch (StagecraftException e) {
                r = null;
            }
            if (r == null || !r.exists()) {
                out.add(SelectedEntry.missing(i, match));
                continue;
            }
            walk(i, r.rel().substring(1), "", PatternMatcher.rootInfo(), PatternMatcher.rootInfo());
        }
    }

    private void walk(int match, String rel, String below, PatternMatcher.MatchInfo incParent,
            PatternMatcher.MatchInfo excParent) throws IOException {
        boolean included = true;
        PatternMatcher.MatchInfo inc = PatternMatcher.rootInfo();
        PatternMatcher.MatchInfo exc = PatternMatcher.rootInfo();
        if (!below.isEmpty()) {
            if (include != null) {
                PatternMatcher.Result res = include.matchesUsingParent(below, incParent);
                included = res.matched();
                inc = res.info();
            }
            if (exclude != null) {
                PatternMatcher.Result res = exclude.matchesUsingParent(below, excParent);
                included &= !res.matched();
                exc = res.info();
            }
        }
        Path host = rel.isEmpty() ? tree.root() : tree.root().resolve(rel);
        FileStat st = FileStat.lstat(host);
        if (st == null) {
            return; // removed since its directory was listed
        }
        String link = st.isSymlink() ? Files.readSymbolicLink(host).toString() : null;
        SelectedEntry entry = SelectedEntry.entry(match, below, st, rel, host, link);
        if (!st.isDirectory()) {
            if (included) {
                flushPending();
                out.add(entry);
            }
            return;
        }
        if (included) {
            flushPending();
            out.add(entry);
        } else {
            pending.add(entry);
        }
        int depth = pending.size();
        for (String name : children(rel)) {
            walk(match, rel.isEmpty() ? name : rel + "/" + name, below.isEmpty() ? name : below + "/" + name,
                    inc, exc);
        }
        if (!included && pending.size() == depth) {
            pending.remove(depth - 1);
        }
    }

    private List<String> children(String rel) {
        try {
            return tree.children(rel);
        } catch (UncheckedIOException e) {
            throw new StagecraftException("cannot list " + GoText.quote("/" + rel) + " of " + tree.root()
                    + " for its checksum: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void flushPending() {
        out.addAll(pending);
        pending.clear();
    }
}
