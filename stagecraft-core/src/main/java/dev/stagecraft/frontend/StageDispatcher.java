package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.instruction.AddInstruction;
import dev.stagecraft.dockerfile.instruction.ArgDeclaration;
import dev.stagecraft.dockerfile.instruction.ArgInstruction;
import dev.stagecraft.dockerfile.instruction.CmdInstruction;
import dev.stagecraft.dockerfile.instruction.CommandLine;
import dev.stagecraft.dockerfile.instruction.CopyInstruction;
import dev.stagecraft.dockerfile.instruction.EntrypointInstruction;
import dev.stagecraft.dockerfile.instruction.EnvInstruction;
import dev.stagecraft.dockerfile.instruction.ExposeInstruction;
import dev.stagecraft.dockerfile.instruction.ExposedPorts;
import dev.stagecraft.dockerfile.instruction.HealthConfig;
import dev.stagecraft.dockerfile.instruction.HealthcheckInstruction;
import dev.stagecraft.dockerfile.instruction.Instruction;
import dev.stagecraft.dockerfile.instruction.KeyValue;
import dev.stagecraft.dockerfile.instruction.LabelInstruction;
import dev.stagecraft.dockerfile.instruction.MaintainerInstruction;
import dev.stagecraft.dockerfile.instruction.OnbuildInstruction;
import dev.stagecraft.dockerfile.instruction.RunInstruction;
import dev.stagecraft.dockerfile.instruction.ShellInstruction;
import dev.stagecraft.dockerfile.instruction.Signals;
import dev.stagecraft.dockerfile.instruction.StopSignalInstruction;
import dev.stagecraft.dockerfile.instruction.UserInstruction;
import dev.stagecraft.dockerfile.instruction.VolumeInstruction;
import dev.stagecraft.dockerfile.instruction.WordExpander;
import dev.stagecraft.dockerfile.instruction.WorkdirInstruction;
import dev.stagecraft.dockerfile.shell.ShellExpansionException;
import dev.stagecraft.dockerfile.shell.ShellLex;
import dev.stagecraft.frontend.DockerfileFrontend.StateTable;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.image.Healthcheck;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies a stage's instructions in order (BuildKit's {@code dispatch}): expands their words with
 * the stage's variables, updates the image config and history, and builds the graph vertices of
 * the steps that change the filesystem.
 */
final class StageDispatcher {
    /** Build args that steer BuildKit itself and never reach a RUN environment. */
    private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

    final FrontendOptions options;
    final EnvList globals;
    final ShellLex lex;
    final StateTable table;
    final Platform targetPlatform;
    final Set<String> contextPaths = new TreeSet<>();
    /** SOURCE_DATE_EPOCH as RFC 3339, or null: the time of history entries and created files. */
    final String epoch;
    private final RunDispatch run;
    private final CopyDispatch copy;

    StageDispatcher(FrontendOptions options, EnvList globals, ShellLex lex, StateTable table, Platform targetPlatform,
            String epoch) {
        this.options = options;
        this.globals = globals;
        this.lex = lex;
        this.table = table;
        this.targetPlatform = targetPlatform;
        this.epoch = epoch;
        this.run = new RunDispatch(this);
        this.copy = new CopyDispatch(this);
    }

    /**
     * Context paths read by the build, relative and sorted, as {@link FrontendResult} documents them:
     * {@code ["/"]} alone means the whole context, so that "reads everything" and "reads nothing"
     * (an empty list) stay apart.
     */
    List<String> contextPaths() {
        if (contextPaths.contains("/")) {
            return List.of("/");
        }
        return contextPaths.stream().map(p -> GoText.clean(p.substring(1))).toList();
    }

    void dispatch(DispatchState d) {
        d.inheritFromBase();
        d.dispatched = true;
        d.image.historyTime = epoch;
        if (d.platform == null) {
            d.platform = targetPlatform;
        }
        if (!d.image.hasEnv("PATH") && !"windows".equals(d.platform.os())) {
            d.image.env.add("PATH=" + ImageBuilder.DEFAULT_PATH);
        }
        for (String kv : d.image.env) {
            int eq = kv.indexOf('=');
            d.env = eq < 0 ? d.env.with(kv, "") : d.env.with(kv.substring(0, eq), kv.substring(eq + 1));
        }
        if (d.image.workingDir != null && !d.image.workingDir.isEmpty()) {
            d.workdir = Paths.normalizeWorkdir(d.image.workingDir, d.image.workingDir);
            d.image.workingDir = d.workdir;
        }
        if (d.image.user != null && !d.image.user.isEmpty()) {
            d.user = d.image.user;
        }
        for (DispatchState.Command c : d.commands) {
            try {
                dispatch(d, c);
            } catch (DockerfileException e) {
                throw e.location().isPresent() ? e : new DockerfileException(e.reason(), c.instruction().location());
            }
        }
    }

    /** Expands words with the stage's variables as they are before the instruction. */
    WordExpander expander(DispatchState d, SourceRange at) {
        EnvList snapshot = d.env;
        return word -> {
            try {
                return lex.processWord(word, snapshot);
            } catch (ShellExpansionException e) {
                throw new DockerfileException(e.getMessage(), at);
            }
        };
    }

    private void dispatch(DispatchState d, DispatchState.Command c) {
        Instruction ins = c.instruction();
        WordExpander ex = expander(d, ins.location());
        if (ins instanceof RunInstruction r) {
            run.dispatch(d, r, c);
        } else if (ins instanceof CopyInstruction cp) {
            copy.dispatchCopy(d, cp.expand(ex), c);
        } else if (ins instanceof AddInstruction add) {
            copy.dispatchAdd(d, add.expand(ex), c);
        } else if (ins instanceof WorkdirInstruction w) {
            workdir(d, w.expand(ex), c);
        } else if (ins instanceof EnvInstruction env) {
            env(d, env.expand(ex), c);
        } else if (ins instanceof ArgInstruction arg) {
            arg(d, arg, c);
        } else {
            metadata(d, ins, ex, c);
        }
    }

    private void metadata(DispatchState d, Instruction ins, WordExpander ex, DispatchState.Command c) {
        ImageBuilder img = d.image;
        String record;
        if (ins instanceof LabelInstruction label) {
            StringBuilder sb = new StringBuilder("LABEL");
            if (img.labels == null) {
                img.labels = new TreeMap<>();
            }
            for (KeyValue kv : label.expand(ex).labels()) {
                img.labels.put(kv.key(), kv.value());
                sb.append(' ').append(kv);
            }
            record = sb.toString();
        } else if (ins instanceof MaintainerInstruction m) {
            img.author = m.maintainer();
            record = "MAINTAINER " + m.maintainer();
        } else if (ins instanceof UserInstruction u) {
            String user = u.expand(ex).user();
            d.user = user;
            img.user = user;
            record = "USER " + user;
        } else if (ins instanceof CmdInstruction cmd) {
            img.cmd = withShell(img, cmd.command());
            img.argsEscaped = true;
            d.cmdSet = true;
            record = "CMD " + GoFormat.quotedList(img.cmd);
        } else if (ins instanceof EntrypointInstruction ep) {
            img.entrypoint = withShell(img, ep.command());
            if (!d.cmdSet) {
                img.cmd = null;
            }
            record = "ENTRYPOINT " + GoFormat.quotedList(img.entrypoint);
        } else if (ins instanceof ExposeInstruction expose) {
            record = expose(d, expose);
        } else if (ins instanceof VolumeInstruction vol) {
            List<String> volumes = vol.expand(ex).volumes();
            if (img.volumes == null) {
                img.volumes = new TreeMap<>();
            }
            for (String v : volumes) {
                if (v.isEmpty()) {
                    throw new DockerfileException("VOLUME specified can not be an empty string", ins.location());
                }
                img.volumes.put(v, Map.of());
            }
            record = "VOLUME " + GoFormat.plainList(volumes);
        } else if (ins instanceof StopSignalInstruction sig) {
            String signal = sig.expand(ex).signal();
            Signals.validate(signal);
            img.stopSignal = signal;
            record = "STOPSIGNAL " + signal;
        } else if (ins instanceof ShellInstruction sh) {
            img.shell = new ArrayList<>(sh.shell());
            record = "SHELL " + GoFormat.plainList(sh.shell());
        } else if (ins instanceof HealthcheckInstruction hc) {
            record = healthcheck(img, hc.health());
        } else if (ins instanceof OnbuildInstruction ob) {
            if (img.onBuild == null) {
                img.onBuild = new ArrayList<>();
            }
            img.onBuild.add(ob.expression());
            d.steps.add(new PlannedStep("ONBUILD", "ONBUILD " + ob.expression(), ins.location(), c.onBuild(), null));
            return;
        } else {
            throw new IllegalStateException("no dispatch for " + ins.keyword());
        }
        img.commit(record, false, false);
        d.steps.add(new PlannedStep(ins.keyword(), record, ins.location(), c.onBuild(), null));
    }

    private void env(DispatchState d, EnvInstruction env, DispatchState.Command c) {
        StringBuilder sb = new StringBuilder("ENV");
        for (KeyValue kv : env.vars()) {
            sb.append(' ').append(kv);
            d.env = d.env.with(kv.key(), kv.value());
            d.image.addEnv(kv.key(), kv.value());
        }
        d.image.commit(sb.toString(), false, false);
        d.steps.add(new PlannedStep("ENV", sb.toString(), env.location(), c.onBuild(), null));
    }

    /** ARG inside a stage: build arg (raw), else expanded default, else the global, else unset. */
    private void arg(DispatchState d, ArgInstruction arg, DispatchState.Command c) {
        List<String> parts = new ArrayList<>();
        for (ArgDeclaration decl : arg.args()) {
            String value = options.buildArgs().get(decl.key());
            if (value == null) {
                if (decl.hasDefault()) {
                    value = expander(d, arg.location()).expand(decl.defaultValue());
                } else {
                    value = globals.get(decl.key());
                }
            }
            if (value != null && !NON_ENV_ARGS.contains(decl.key())) {
                d.env = d.env.with(decl.key(), value);
            }
            d.buildArgs.add(new ArgDeclaration(decl.key(), value));
            parts.add(value == null ? decl.key() : decl.key() + "=" + value);
        }
        String record = "ARG " + String.join(" ", parts);
        d.image.commit(record, false, false);
        d.steps.add(new PlannedStep("ARG", record, arg.location(), c.onBuild(), null));
    }

    private void workdir(DispatchState d, WorkdirInstruction w, DispatchState.Command c) {
        String wd = Paths.normalizeWorkdir(d.image.workingDir, w.path());
        d.image.workingDir = wd;
        d.workdir = wd;
        boolean layer = !wd.equals("/");
        String text = "WORKDIR " + wd;
        Vertex v = null;
        if (layer) {
            text = StepNames.prefix(d, StepNames.display(lex, w.original(), d.env), c.onBuild());
            Inputs inputs = new Inputs();
            int base = inputs.indexOf(d.state);
            String owner = d.image.user == null || d.image.user.isEmpty() ? null : d.image.user;
            v = new Vertex(new FileOp(base, List.of(new FileAction.Mkdir(wd, 0755, true, owner)), epoch),
                    inputs.list(), text);
            d.state = v;
        }
        d.image.commit("WORKDIR " + wd, layer, false);
        d.steps.add(new PlannedStep("WORKDIR", text, w.location(), c.onBuild(), v));
    }

    private String expose(DispatchState d, ExposeInstruction expose) {
        List<String> words = new ArrayList<>();
        for (String p : expose.ports()) {
            try {
                words.addAll(lex.processWords(p, d.env));
            } catch (ShellExpansionException e) {
                throw new DockerfileException(e.getMessage(), expose.location());
            }
        }
        List<String> ports = ExposedPorts.parse(words);
        if (d.image.exposedPorts == null) {
            d.image.exposedPorts = new TreeMap<>();
        }
        for (String p : ports) {
            d.image.exposedPorts.put(p, Map.of());
        }
        return "EXPOSE " + GoFormat.plainList(ports);
    }

    private static String healthcheck(ImageBuilder img, HealthConfig h) {
        img.healthcheck = new Healthcheck(h.test(), h.interval().toNanos(), h.timeout().toNanos(),
                h.startPeriod().toNanos(), h.startInterval().toNanos(), h.retries());
        return "HEALTHCHECK {Test:" + GoFormat.plainList(h.test()) + " Interval:" + GoFormat.duration(h.interval())
                + " Timeout:" + GoFormat.duration(h.timeout()) + " StartPeriod:" + GoFormat.duration(h.startPeriod())
                + " StartInterval:" + GoFormat.duration(h.startInterval()) + " Retries:" + h.retries() + "}";
    }

    /** Shell form gets the stage's SHELL (or the default shell) in front of the joined command. */
    static List<String> withShell(ImageBuilder img, CommandLine command) {
        if (!command.shellForm()) {
            return new ArrayList<>(command.args());
        }
        List<String> out = new ArrayList<>(img.shell != null && !img.shell.isEmpty() ? img.shell
                : "windows".equals(img.os) ? List.of("cmd", "/S", "/C") : List.of("/bin/sh", "-c"));
        out.add(String.join(" ", command.args()));
        return out;
    }
}
