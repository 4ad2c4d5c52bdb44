package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.instruction.ArgDeclaration;
import dev.stagecraft.dockerfile.instruction.CommandLine;
import dev.stagecraft.dockerfile.instruction.RunInstruction;
import dev.stagecraft.dockerfile.instruction.RunMount;
import dev.stagecraft.dockerfile.instruction.RunMounts;
import dev.stagecraft.dockerfile.instruction.WordExpander;
import dev.stagecraft.dockerfile.parser.Heredoc;
import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.ExecMount;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** RUN: the command line (heredocs, shell), its mounts, and the exec vertex. */
final class RunDispatch {
    private static final Set<String> PROXY_ARGS = Set.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy",
            "all_proxy");

    private final StageDispatcher owner;

    RunDispatch(StageDispatcher owner) {
        this.owner = owner;
    }

    void dispatch(DispatchState d, RunInstruction run, DispatchState.Command c) {
        if (!run.devices().isEmpty()) {
            throw new DockerfileException(
                    "device feature is only supported in Dockerfile frontend 1.14.0-labs or later", run.location());
        }
        Inputs inputs = new Inputs();
        int root = inputs.indexOf(d.state);
        List<ExecMount> mounts = new ArrayList<>();
        mounts.add(new ExecMount("bind", "/", root, null, false, null, null, null, null, null, 0, null, false));

        String customName = run.original();
        List<String> args = run.command().args();
        if (!run.heredocs().isEmpty()) {
            HeredocCommand hc = heredocCommand(d, run, inputs, mounts);
            args = hc.args;
            customName += hc.summary;
        }
        args = StageDispatcher.withShell(d.image, new CommandLine(args, run.command().shellForm()));

        WordExpander ex = owner.expander(d, run.location());
        int sshCount = 0;
        EnvList shown = d.env;
        for (int i = 0; i < run.mountSpecs().size(); i++) {
            RunMount m = RunMounts.parse(run.mountSpecs().get(i), ex);
            if (m.type() == RunMount.MountType.SECRET && m.env() != null && shown.contains(m.env())) {
                shown = shown.with(m.env(), "****"); // a secret's value never reaches progress output
            }
            DispatchState source = i < c.sources().size() ? c.sources().get(i) : null;
            if (m.type() == RunMount.MountType.SSH) {
                sshCount++;
            }
            mounts.add(mount(d, m, source, inputs, sshCount));
        }

        String name = StepNames.prefix(d, StepNames.displayRun(owner.lex, customName, shown), c.onBuild());
        ExecOp op = new ExecOp(args, d.env.toKeyValues(), d.workdir, d.user, run.network(), run.security(),
                d.platform.format(), mounts, proxyEnv());
        Vertex v = new Vertex(op, inputs.list(), name);
        d.state = v;
        d.image.commit("RUN " + commandString(args, d), true, true);
        d.steps.add(new PlannedStep("RUN", name, run.location(), c.onBuild(), v));
    }

    private record HeredocCommand(List<String> args, String summary) {
    }

    /**
     * A heredoc that is the whole command runs as the script (a file under /dev/pipes when it
     * starts with #!); anything else is passed to the shell with the bodies appended.
     */
    private HeredocCommand heredocCommand(DispatchState d, RunInstruction run, Inputs inputs, List<ExecMount> mounts) {
        List<String> args = run.command().args();
        if (args.size() != 1 || !run.command().shellForm()) {
            throw new DockerfileException("parsing produced an invalid run command: " + GoFormat.plainList(args),
                    run.location());
        }
        Heredoc first = run.heredocs().get(0);
        if (run.heredocs().size() == 1 && args.get(0).strip().matches("\\d*<<-?\\s*\\S+")) {
            String data = first.content();
            String summary = " (" + summarize(data) + ")";
            if (!"windows".equals(d.image.os) && data.startsWith("#!")) {
                Vertex file = new Vertex(new FileOp(-1, List.of(new FileAction.Mkfile(first.name(), 0755, data))),
                        List.of(), "preparing inline document");
                mounts.add(new ExecMount("bind", "/dev/pipes/", inputs.indexOf(file), "/", true, null, null, null,
                        null, null, 0, null, false));
                return new HeredocCommand(List.of(GoText.pathJoin("/dev/pipes/", first.name())), summary);
            }
            return new HeredocCommand(List.of(data), summary);
        }
        StringBuilder sb = new StringBuilder(args.get(0));
        for (Heredoc h : run.heredocs()) {
            sb.append('\n').append(h.content()).append(h.name());
        }
        return new HeredocCommand(List.of(sb.toString()), "");
    }

    private static String summarize(String doc) {
        String[] lines = doc.strip().replace("\r\n", "\n").split("\n", -1);
        return lines.length > 1 ? lines[0] + "..." : lines[0];
    }

    private ExecMount mount(DispatchState d, RunMount m, DispatchState source, Inputs inputs, int sshIndex) {
        String target = m.target();
        String type = m.type().id();
        switch (m.type()) {
            case SECRET -> {
                String id = m.id() != null ? m.id() : m.source() != null ? m.source() : baseName(target);
                if ((target == null || target.isEmpty()) && m.env() == null) {
                    target = "/run/secrets/" + baseName(id);
                }
                return new ExecMount(type, target == null ? null : absoluteTarget(d, target), -1, null, true, id, null,
                        m.mode() != null ? m.mode() : 0400, m.uid(), m.gid(), 0, m.env(), m.required());
            }
            case SSH -> {
                if (m.source() != null && !m.source().isEmpty()) {
                    throw new DockerfileException("ssh does not support source", null);
                }
                String id = m.id() != null ? m.id() : "default";
                String t = target == null || target.isEmpty() ? "/run/buildkit/ssh_agent." + (sshIndex - 1) : target;
                return new ExecMount(type, absoluteTarget(d, t), -1, null, true, id, null,
                        m.mode() != null ? m.mode() : 0600, m.uid(), m.gid(), 0, null, m.required());
            }
            default -> {
                String abs = absoluteTarget(d, target);
                int input = -1;
                if (m.type() == RunMount.MountType.BIND || m.type() == RunMount.MountType.CACHE) {
                    input = inputs.indexOf(sourceVertex(m, source));
                }
                String selector = m.source() == null ? null : GoText.pathJoin("/", m.source());
                if ("/".equals(selector)) {
                    selector = null;
                }
                if (m.type() == RunMount.MountType.BIND && m.from() == null) {
                    owner.contextPaths.add(selector == null ? "/" : selector);
                }
                String cacheId = null;
                if (m.type() == RunMount.MountType.CACHE) {
                    // BuildKit: path.Clean(target) by default (so "." when there is none), always
                    // behind the BUILDKIT_CACHE_MOUNT_NS namespace and a slash, even an empty one.
                    String id = m.id() != null && !m.id().isEmpty() ? m.id()
                            : GoText.clean(target == null ? "" : target);
                    cacheId = owner.options.buildArgs().getOrDefault("BUILDKIT_CACHE_MOUNT_NS", "") + "/" + id;
                }
                return new ExecMount(type, abs, input, selector, m.readOnly(), cacheId,
                        m.type() == RunMount.MountType.CACHE ? (m.sharing() == null ? "shared" : m.sharing()) : null,
                        m.mode(), m.uid(), m.gid(), m.sizeBytes(), null, false);
            }
        }
    }

    private Vertex sourceVertex(RunMount m, DispatchState source) {
        if (source == null) {
            return m.type() == RunMount.MountType.CACHE ? null : contextVertex();
        }
        if (!source.dispatched) {
            throw new DockerfileException("cannot mount from stage " + GoText.quote(m.from()) + " to "
                    + GoText.quote(m.target() == null ? "" : m.target())
                    + ", stage needs to be defined before current command", null);
        }
        return source.state;
    }

    static Vertex contextVertex() {
        return new Vertex(new ContextSourceOp("context"), List.of(), "[internal] load build context");
    }

    private static String absoluteTarget(DispatchState d, String target) {
        String t = target == null ? "" : target;
        String abs = Paths.isAbsolute(GoText.clean(t)) ? GoText.clean(t) : GoText.pathJoin("/", d.workdir, t);
        if (abs.equals("/")) {
            throw new DockerfileException("invalid mount target " + GoText.quote(abs), null);
        }
        return abs;
    }

    private static String baseName(String p) {
        if (p == null || p.isEmpty()) {
            return "";
        }
        String c = GoText.clean(p);
        int slash = c.lastIndexOf('/');
        return slash < 0 ? c : c.substring(slash + 1);
    }

    /** Proxy build args: given to RUN, kept out of the definition and the history. */
    private List<String> proxyEnv() {
        Map<String, String> sorted = new TreeMap<>(owner.options.buildArgs());
        List<String> out = new ArrayList<>();
        for (var e : sorted.entrySet()) {
            if (PROXY_ARGS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        }
        return out;
    }

    /** BuildKit's {@code runCommandString}: {@code |N K=V ... argv}. */
    private static String commandString(List<String> args, DispatchState d) {
        Map<String, String> buildEnv = new LinkedHashMap<>();
        for (ArgDeclaration a : d.buildArgs) {
            String v = d.env.get(a.key());
            buildEnv.put(a.key(), v != null ? v : a.defaultValue() == null ? "" : a.defaultValue());
        }
        List<String> parts = new ArrayList<>();
        if (!buildEnv.isEmpty()) {
            parts.add("|" + buildEnv.size());
            buildEnv.forEach((k, v) -> parts.add(k + "=" + v));
        }
        parts.addAll(args);
        return String.join(" ", parts);
    }
}
