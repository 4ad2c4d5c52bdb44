package dev.stagecraft.worker.file;

import dev.stagecraft.context.PatternMatcher;
import dev.stagecraft.context.ResolvedPath;
import dev.stagecraft.context.SourceNotFoundException;
import dev.stagecraft.context.SourceTree;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.text.GoText;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * One COPY/ADD action (BuildKit's {@code docopy} and fsutil's {@code Copy}): expands wildcards,
 * checks required paths, extracts archives for ADD, and places each source:
 * <ul>
 * <li>a directory source copies its contents ({@code contentsOnly}) into the destination, which
 *     is created (mode 0755) when missing;
 * <li>a file goes into the destination when that is an existing directory, else becomes it;
 *     a destination ending in {@code /} is created as a directory first;
 * <li>with several wildcard matches and a destination without {@code /}, each match is placed in
 *     turn, so files replace each other and the last wins (BuildKit does not refuse this; the
 *     classic builder's "must be a directory and end with a /" error is not BuildKit's);
 * <li>missing parents of the destination are created with mode 0755, owned by the
 *     {@code --chown} owner (else root) and given the op's created time.
 * </ul>
 */
final class CopyRun {
    private final FileAction.Copy action;
    private final SourceTree source;
    private final DestinationRoot dest;
    private final Metadata meta;
    private final Owner chown;
    private final ModeSpec mode;
    private final FileTime created;

    CopyRun(FileAction.Copy action, SourceTree source, DestinationRoot dest, Metadata meta, OwnerResolver owners,
            FileTime created) {
        this.action = action;
        this.source = source;
        this.dest = dest;
        this.meta = meta;
        this.chown = action.chown() == null || action.chown().isEmpty() ? null
                : ChownSpec.resolve(action.chown(), owners);
        this.mode = action.chmod() == null || action.chmod().isEmpty() ? null : ModeSpec.parse(action.chmod());
        this.created = created;
    }

    void run() throws IOException {
        String srcPath = cleanPath(action.source());
        String destPath = cleanPath(action.destination());
        if (!action.createDestPath()) {
            ResolvedPath d = dest.resolve(destPath);
            if (Metadata.lstat(d.host().getParent()) == null) {
                throw new FileOpException("failed to stat " + action.destination() + ": no such file or directory");
            }
        }
        for (String required : action.requiredPaths()) {
            if (!source.resolve(required, true).exists()) {
                throw new SourceNotFoundException(GoText.clean("/" + required));
            }
        }
        List<String> matches;
        if (action.allowWildcard()) {
            matches = source.glob(srcPath, action.followSymlinks());
            if (matches.isEmpty()) {
                if (action.allowEmptyWildcard()) {
                    return;
                }
                throw new FileOpException(GoText.clean(srcPath) + " not found");
            }
        } else {
            matches = List.of(srcPath);
        }
        PatternMatcher include = action.includePatterns().isEmpty() ? null
                : PatternMatcher.compile(action.includePatterns());
        PatternMatcher exclude = action.excludePatterns().isEmpty() ? null
                : PatternMatcher.compile(action.excludePatterns());
        for (String match : matches) {
            if (action.attemptUnpack() && unpack(match, destPath)) {
                continue;
            }
            copyOne(match, destPath, include, exclude);
        }
    }

    private void copyOne(String match, String destPath, PatternMatcher include, PatternMatcher exclude)
            throws IOException {
        String ensure = ensureDir(destPath);
        if (!ensure.isEmpty()) {
            dest.mkdirAll(ensure, 0755, chown, created);
        }
        ResolvedPath dst = dest.resolve(GoText.clean(destPath));
        ResolvedPath src = source.resolve(match, action.followSymlinks());
        if (!src.exists()) {
            throw new SourceNotFoundException(GoText.clean("/" + match));
        }
        boolean srcDir = src.attrs().isDirectory();
        BasicFileAttributes destFi = Metadata.lstat(dst.host());
        Path target = dst.host();
        if ((!action.contentsOnly() && srcDir && destFi != null) || (!srcDir && destFi != null && destFi.isDirectory())) {
            String base = baseName(match);
            if (!base.equals("/")) {
                target = target.resolve(base);
            }
        }
        Path parent = action.contentsOnly() && srcDir && destFi == null ? target : target.getParent();
        if (parent.startsWith(dest.root())) {
            dest.mkdirAll(dest.shown(parent), 0755, chown, created);
        }
        new TreeCopier(source, dest, meta, chown, mode, created, include, exclude).copyTop(src.rel(), target);
    }

    private boolean unpack(String match, String destPath) throws IOException {
        ResolvedPath src = source.resolve(match, true);
        if (!src.exists() || !src.attrs().isRegularFile() || !ArchiveUnpacker.isArchive(src.host())) {
            return false;
        }
        Path into = dest.mkdirAll(destPath, 0755, chown, created);
        meta.warnings().addAll(ArchiveUnpacker.extract(src.host(), into, chown, meta).warnings());
        return true;
    }

    /** fsutil's directory to make before copying: the destination's parent, or itself when it ends in / or /. */
    private static String ensureDir(String destPath) {
        int slash = destPath.lastIndexOf('/');
        String last = destPath.substring(slash + 1);
        if (!last.isEmpty() && !last.equals(".")) {
            return destPath.substring(0, slash + 1);
        }
        return destPath;
    }

    private static String baseName(String p) {
        String c = GoText.clean(p);
        if (c.equals("/")) {
            return "/";
        }
        return c.substring(c.lastIndexOf('/') + 1);
    }

    /** BuildKit's {@code cleanPath}: absolute and clean, keeping a trailing {@code /} or {@code /.}. */
    static String cleanPath(String s) {
        String c = GoText.clean("/" + s);
        if (s.endsWith("/.")) {
            if (!c.equals("/")) {
                c += "/";
            }
            c += ".";
        } else if (s.endsWith("/") && !c.equals("/")) {
            c += "/";
        }
        return c;
    }
}
