package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.instruction.AddInstruction;
import dev.stagecraft.dockerfile.instruction.CopyInstruction;
import dev.stagecraft.dockerfile.instruction.FileModes;
import dev.stagecraft.dockerfile.parser.Heredoc;
import dev.stagecraft.dockerfile.shell.ShellExpansionException;
import dev.stagecraft.dockerfile.shell.ShellLex;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.GitSourceOp;
import dev.stagecraft.graph.HttpSourceOp;
import dev.stagecraft.graph.MergeOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.List;

/** COPY and ADD (BuildKit's {@code dispatchCopy}): sources, destination, options, the file vertex. */
final class CopyDispatch {
    private final StageDispatcher owner;

    CopyDispatch(StageDispatcher owner) {
        this.owner = owner;
    }

    /** What COPY and ADD have in common, after expansion. */
    private record Spec(String keyword, List<String> sources, List<Heredoc> contents, String dest, String chown,
            String chmod, boolean link, boolean parents, List<String> excludes, boolean isAdd, Boolean unpack,
            String checksum, Boolean keepGitDir, String original) {
    }

    void dispatchCopy(DispatchState d, CopyInstruction c, DispatchState.Command cmd) {
        Vertex source;
        boolean fromContext = c.from() == null || c.from().isEmpty();
        if (fromContext) {
            source = RunDispatch.contextVertex();
        } else {
            DispatchState src = cmd.sources().get(0);
            if (!src.dispatched) {
                throw new DockerfileException("cannot copy from stage " + GoText.quote(c.from())
                        + ", it needs to be defined before current stage " + GoText.quote(d.stageName), c.location());
            }
            source = src.state;
        }
        Spec spec = new Spec("COPY", c.sourcePaths(), c.sourceContents(), c.destination(), c.chown(), c.chmod(),
                c.link(), c.parents(), c.excludes(), false, null, null, null, c.original());
        dispatch(d, spec, source, cmd, c.location());
        if (fromContext) {
            c.sourcePaths().forEach(p -> owner.contextPaths.add(GoText.pathJoin("/", p)));
        }
    }

    void dispatchAdd(DispatchState d, AddInstruction a, DispatchState.Command cmd) {
        Spec spec = new Spec("ADD", a.sourcePaths(), a.sourceContents(), a.destination(), a.chown(), a.chmod(),
                a.link(), false, a.excludes(), true, a.unpack(), a.checksum(), a.keepGitDir(), a.original());
        dispatch(d, spec, RunDispatch.contextVertex(), cmd, a.location());
        for (String p : a.sourcePaths()) {
            if (!p.startsWith("http://") && !p.startsWith("https://")) {
                owner.contextPaths.add(GoText.pathJoin("/", p));
            }
        }
    }

    private void dispatch(DispatchState d, Spec s, Vertex source, DispatchState.Command cmd,
            dev.stagecraft.dockerfile.SourceRange at) {
        String dest = Paths.destination(d.workdir, s.dest());
        if (s.chmod() != null && !s.chmod().isEmpty()) {
            FileModes.parseChmod(s.chmod());
        }
        validateChecksum(s);
        StringBuilder record = new StringBuilder(s.keyword());
        if (s.parents()) {
            record.append(" --parents");
        }
        if (s.chown() != null && !s.chown().isEmpty()) {
            record.append(" --chown=").append(s.chown());
        }
        if (s.chmod() != null && !s.chmod().isEmpty()) {
            record.append(" --chmod=").append(s.chmod());
        }
        String display = StepNames.display(owner.lex, s.original(), d.env);
        String name = StepNames.prefix(d, display, cmd.onBuild());

        Inputs inputs = new Inputs();
        boolean link = s.link() && (s.chmod() == null || s.chmod().isEmpty());
        int base = link ? -1 : inputs.indexOf(d.state);
        List<FileAction> actions = new ArrayList<>();
        for (String src : s.sources()) {
            record.append(' ').append(src);
            actions.add(sourceAction(d, s, src, source, dest, inputs));
        }
        for (Heredoc h : s.contents()) {
            record.append(" <<").append(h.name());
            String data = h.expand() ? expandHeredoc(h.content(), d) : h.content();
            Vertex doc = new Vertex(new FileOp(-1, List.of(new FileAction.Mkfile(h.name(), 0644, data))), List.of(),
                    "preparing inline document");
            actions.add(copyAction(inputs.indexOf(doc), h.name(), dest, s, false, false, List.of(), List.of()));
        }
        record.append(' ').append(s.dest());

        Vertex files = new Vertex(new FileOp(base, actions, owner.epoch), inputs.list(), name);
        if (link && d.state != null) {
            // BuildKit names the merge "LINK <instruction>" under the same step number as the copy.
            d.cmdIndex--;
            String mergeName = StepNames.prefix(d, "LINK " + display, cmd.onBuild());
            files = new Vertex(new MergeOp(), List.of(d.state, files), mergeName);
        }
        d.state = files;
        d.image.commit(record.toString(), true, true);
        d.steps.add(new PlannedStep(s.keyword(), name, at, cmd.onBuild(), files));
    }

    private FileAction sourceAction(DispatchState d, Spec s, String src, Vertex source, String dest, Inputs inputs) {
        GitRef git = gitRef(src);
        if (git != null && !git.indistinguishableFromLocal()) {
            if (!s.isAdd()) {
                throw new DockerfileException("source can't be a git ref for COPY", null);
            }
            return copyAction(inputs.indexOf(gitSource(s, git)), "/", dest, s, false, false, List.of(), List.of());
        }
        if (SourceKinds.isHttp(src)) {
            if (!s.isAdd()) {
                throw new DockerfileException("source can't be a URL for COPY", null);
            }
            String file = SourceKinds.httpFileName(src);
            String checksum = emptyToNull(s.checksum());
            if (checksum != null && SourceKinds.digestError(checksum) != null) {
                throw new DockerfileException(SourceKinds.digestError(checksum), null);
            }
            Vertex download = new Vertex(new HttpSourceOp(src, file, checksum), List.of(), "download " + src);
            return copyAction(inputs.indexOf(download), file, dest, s, false, Boolean.TRUE.equals(s.unpack()),
                    List.of(), List.of());
        }
        String path = src;
        List<String> include = List.of();
        List<String> required = List.of();
        if (s.parents()) {
            int pivot = src.indexOf("/./");
            String pattern = pivot < 0 ? src : src.substring(pivot + 3);
            path = pivot < 0 ? "/" : src.substring(0, pivot);
            pattern = GoText.pathJoin("/", pattern);
            include = List.of(pattern.substring(1));
            if (!hasWildcards(path) && !hasWildcards(pattern)) {
                required = List.of(GoText.pathJoin("/", path, pattern));
            }
        }
        boolean unpack = s.unpack() != null ? s.unpack() : s.isAdd();
        return copyAction(inputs.indexOf(source), GoText.pathJoin("/", path), dest, s, true, unpack, include, required);
    }

    /** The git reference a source names, or null; bad URL options of a git source are errors. */
    private static GitRef gitRef(String src) {
        try {
            return GitRef.parse(src);
        } catch (GitRef.InvalidGitRefException e) {
            throw new DockerfileException(e.getMessage(), null);
        }
    }

    /** The checkout: the URL's keep-git-dir and checksum must agree with the flags, and win over them. */
    private static Vertex gitSource(Spec s, GitRef git) {
        Boolean keepGitDir = s.keepGitDir();
        if (keepGitDir != null && git.keepGitDir() != null && !keepGitDir.equals(git.keepGitDir())) {
            throw new DockerfileException("inconsistent keep-git-dir configuration", null);
        }
        if (git.keepGitDir() != null) {
            keepGitDir = git.keepGitDir();
        }
        String checksum = emptyToNull(s.checksum());
        if (checksum != null && !git.checksum().isEmpty() && !checksum.equals(git.checksum())) {
            throw new DockerfileException("checksum mismatch " + GoText.quote(checksum) + " != "
                    + GoText.quote(git.checksum()), null);
        }
        if (!git.checksum().isEmpty()) {
            checksum = git.checksum();
        }
        return new Vertex(new GitSourceOp(git.remote(), emptyToNull(git.ref()), emptyToNull(git.subDir()),
                Boolean.TRUE.equals(keepGitDir), checksum, Boolean.FALSE.equals(git.submodules())), List.of(),
                "git " + git.remote());
    }

    private static FileAction.Copy copyAction(int input, String src, String dest, Spec s, boolean local,
            boolean unpack, List<String> include, List<String> required) {
        return new FileAction.Copy(input, src, dest, emptyToNull(s.chown()), emptyToNull(s.chmod()), local, local,
                local, local, true, unpack, include, s.excludes(), required);
    }

    private static void validateChecksum(Spec s) {
        if (s.checksum() == null || s.checksum().isEmpty()) {
            return;
        }
        if (s.sources().size() != 1) {
            throw new DockerfileException("checksum can't be specified for multiple sources", null);
        }
        String src = s.sources().get(0);
        if (!SourceKinds.isHttp(src) && !SourceKinds.isGit(src)) {
            throw new DockerfileException("checksum requires HTTP(S) or Git sources", null);
        }
    }

    /** Heredoc bodies expand with {@code \} as escape and quotes kept as they are. */
    private String expandHeredoc(String content, DispatchState d) {
        try {
            return new ShellLex('\\').withSkipProcessQuotes(true).processWord(content, d.env);
        } catch (ShellExpansionException e) {
            throw new DockerfileException(e.getMessage(), null);
        }
    }

    private static boolean hasWildcards(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '*' || ch == '?' || ch == '[') {
                return true;
            }
            if (ch == '\\') {
                i++;
            }
        }
        return false;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
