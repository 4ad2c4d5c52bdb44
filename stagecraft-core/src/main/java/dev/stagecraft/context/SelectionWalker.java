package dev.stagecraft.context;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.text.GoText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;

/**
 * Lists what a {@link Selection} selects from a {@link SourceTree}, exactly as the file worker's
 * COPY reads it: the source is expanded with {@link SourceTree#glob} when wildcards are allowed;
 * each match is resolved (its last symlink followed only with {@code followSymlinks}); a matched
 * directory is walked in name order without following symlinks; include and exclude patterns are
 * matched against the path below the match, and a directory that is not itself included counts
 * only when something below it is (the copy creates it then). A source or wildcard base that does
 * not exist, or cannot be resolved, is listed as missing rather than failing: the copy reports it.
 *
 * <p>Each directory is listed once and its entries stat'ed once; subdirectories are walked as
 * fork/join tasks (a warm checksum of a large context is mostly {@code lstat} calls), and their
 * results joined back in name order, so the order never depends on the threads.
 */
final class SelectionWalker {
    private final SourceTree tree;
    private final Selection selection;
    private final PatternMatcher include;
    private final PatternMatcher exclude;

    private SelectionWalker(SourceTree tree, Selection selection) {
        this.tree = tree;
        this.selection = selection;
        this.include = selection.includePatterns().isEmpty() ? null : PatternMatcher.compile(selection.includePatterns());
        this.exclude = selection.excludePatterns().isEmpty() ? null : PatternMatcher.compile(selection.excludePatterns());
    }

    /** What {@code selection} selects from {@code tree}, in canonical order. */
    static List<SelectedEntry> walk(SourceTree tree, Selection selection) throws IOException {
        try {
            return new SelectionWalker(tree, selection).walkAll();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<SelectedEntry> walkAll() {
        List<SelectedEntry> out = new ArrayList<>();
        String source = GoText.clean("/" + selection.source());
        List<String> matches;
        if (selection.allowWildcard()) {
            try {
                matches = tree.glob(source, selection.followSymlinks());
            } catch (StagecraftException e) {
                out.add(SelectedEntry.missing(0, source));
                return out;
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
            SelectedEntry top = r == null || !r.exists() ? null : entry(i, r.rel().substring(1), "");
            if (top == null) {
                out.add(SelectedEntry.missing(i, match));
            } else if (top.stat.isDirectory()) {
                out.addAll(new DirectoryWalk(top, true, PatternMatcher.rootInfo(), PatternMatcher.rootInfo()).invoke());
            } else {
                out.add(top);
            }
        }
        return out;
    }

    /** The entry at {@code rel}, or null when it is gone (removed since its directory was listed). */
    private SelectedEntry entry(int match, String rel, String below) {
        Path host = rel.isEmpty() ? tree.root() : tree.root().resolve(rel);
        try {
            FileStat st = FileStat.lstat(host, !tree.resetsOwnership());
            if (st == null) {
                return null;
            }
            String link = st.isSymlink() ? Files.readSymbolicLink(host).toString() : null;
            return SelectedEntry.entry(match, below, st, rel, host, link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory and what is selected below it; the directory itself counts when included or not empty. */
    private final class DirectoryWalk extends RecursiveTask<List<SelectedEntry>> {
        private static final long serialVersionUID = 1L;
        private final transient SelectedEntry dir;
        private final boolean included;
        private final transient PatternMatcher.MatchInfo inc;
        private final transient PatternMatcher.MatchInfo exc;

        DirectoryWalk(SelectedEntry dir, boolean included, PatternMatcher.MatchInfo inc, PatternMatcher.MatchInfo exc) {
            this.dir = dir;
            this.included = included;
            this.inc = inc;
            this.exc = exc;
        }

        @Override
        protected List<SelectedEntry> compute() {
            List<Object> parts = new ArrayList<>();
            List<DirectoryWalk> subdirectories = new ArrayList<>();
            for (String name : children(dir.rel)) {
                String below = dir.path.isEmpty() ? name : dir.path + "/" + name;
                boolean childIncluded = true;
                PatternMatcher.MatchInfo childInc = PatternMatcher.rootInfo();
                PatternMatcher.MatchInfo childExc = PatternMatcher.rootInfo();
                if (include != null) {
                    PatternMatcher.Result res = include.matchesUsingParent(below, inc);
                    childIncluded = res.matched();
                    childInc = res.info();
                }
                if (exclude != null) {
                    PatternMatcher.Result res = exclude.matchesUsingParent(below, exc);
                    childIncluded &= !res.matched();
                    childExc = res.info();
                }
                SelectedEntry child = entry(dir.match, dir.rel.isEmpty() ? name : dir.rel + "/" + name, below);
                if (child == null) {
                    continue;
                }
                if (child.stat.isDirectory()) {
                    DirectoryWalk sub = new DirectoryWalk(child, childIncluded, childInc, childExc);
                    subdirectories.add(sub);
                    parts.add(sub);
                } else if (childIncluded) {
                    parts.add(child);
                }
            }
            ForkJoinTask.invokeAll(subdirectories);
            List<SelectedEntry> out = new ArrayList<>();
            out.add(dir);
            for (Object part : parts) {
                if (part instanceof DirectoryWalk sub) {
                    out.addAll(sub.join());
                } else {
                    out.add((SelectedEntry) part);
                }
            }
            return included || out.size() > 1 ? out : List.of();
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
}
