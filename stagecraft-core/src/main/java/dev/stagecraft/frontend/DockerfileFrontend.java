package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.instruction.Dockerfile;
import dev.stagecraft.dockerfile.instruction.InstructionParser;
import dev.stagecraft.dockerfile.instruction.Stage;
import dev.stagecraft.dockerfile.instruction.Suggestions;
import dev.stagecraft.dockerfile.parser.DockerfileParser;
import dev.stagecraft.dockerfile.parser.ParseResult;
import dev.stagecraft.dockerfile.shell.ExpansionResult;
import dev.stagecraft.dockerfile.shell.ShellExpansionException;
import dev.stagecraft.dockerfile.shell.ShellLex;
import dev.stagecraft.reference.InvalidPlatformException;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a Dockerfile into a build: the stages to run with their steps, graph vertices and image
 * configs, following BuildKit's {@code dockerfile2llb} step by step (global args, FROM expansion,
 * target, dependencies and cycles, reachability, base images, ONBUILD, dispatch).
 *
 * <p>Every stage is parsed and validated; only the stages the target needs are resolved and
 * dispatched. Nothing is executed and no registry is contacted except through the
 * {@link ImageMetadataResolver}.
 */
public final class DockerfileFrontend {
    private final FrontendOptions options;
    private final ImageMetadataResolver resolver;

    private DockerfileFrontend(FrontendOptions options, ImageMetadataResolver resolver) {
        this.options = options;
        this.resolver = resolver;
    }

    /**
     * Converts a Dockerfile.
     *
     * @throws DockerfileException for every problem with the Dockerfile or the options, with
     *                             BuildKit's message and the source lines concerned
     */
    public static FrontendResult convert(byte[] dockerfile, FrontendOptions options, ImageMetadataResolver resolver) {
        if (dockerfile.length == 0) {
            throw new DockerfileException("the Dockerfile cannot be empty");
        }
        ParseResult ast = DockerfileParser.parse(dockerfile);
        Dockerfile parsed = InstructionParser.parse(ast);
        if (parsed.stages().isEmpty()) {
            throw new DockerfileException("dockerfile contains no stages to build");
        }
        return new DockerfileFrontend(options, resolver).convert(withSyntaxNotice(parsed, dockerfile));
    }

    /**
     * A {@code # syntax=} directive would make BuildKit fetch another frontend image; stagecraft
     * always uses its own, and says so rather than ignoring the line silently.
     */
    private static Dockerfile withSyntaxNotice(Dockerfile parsed, byte[] content) {
        var syntax = parsed.directives().syntax();
        if (syntax.isEmpty()) {
            return parsed;
        }
        int line = 1;
        String[] lines = new String(content, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].replaceFirst("^\\uFEFF", "").matches("(?i)\\s*#\\s*syntax\\s*=.*")) {
                line = i + 1;
                break;
            }
        }
        List<dev.stagecraft.dockerfile.parser.ParseWarning> warnings = new ArrayList<>();
        warnings.add(new dev.stagecraft.dockerfile.parser.ParseWarning("SyntaxDirectiveIgnored",
                "syntax directive " + GoText.quote(syntax.get())
                        + " ignored: stagecraft always uses its built-in Dockerfile frontend",
                SourceRange.line(line)));
        warnings.addAll(parsed.warnings());
        return new Dockerfile(parsed.metaArgs(), parsed.stages(), parsed.directives(), warnings);
    }

    private FrontendResult convert(Dockerfile dockerfile) {
        ShellLex lex = new ShellLex(dockerfile.directives().escape());
        List<Stage> stages = dockerfile.stages();
        String targetName = options.target() != null ? options.target() : stages.get(stages.size() - 1).name();
        EnvList globals = GlobalArgs.defaults(options, targetName);
        globals = GlobalArgs.evaluateMetaArgs(globals, dockerfile.metaArgs(), options.buildArgs(), lex);
        SourceDateEpoch.Value epoch = SourceDateEpoch.resolve(options.buildArgs(), globals, stages);
        if (epoch.time() != null && globals.contains(SourceDateEpoch.NAME)) {
            globals = globals.with(SourceDateEpoch.NAME, Long.toString(epoch.time().getEpochSecond()));
        }

        StateTable table = new StateTable();
        registerStages(stages, globals, lex, table);
        DispatchState target = resolveTarget(table);
        DependencyGraph.build(table, lex);
        if (table.states.size() == 1) {
            table.states.get(0).stageName = "";
        }
        Platform targetPlatform = options.effectiveTargetPlatform();
        BaseResolver bases = new BaseResolver(resolver, targetPlatform, table);
        java.util.Set<DispatchState> reachable = bases.resolveReachable(target, lex);

        StageDispatcher dispatcher = new StageDispatcher(options, globals, lex, table, targetPlatform,
                epoch.rfc3339());
        for (DispatchState d : table.states) {
            if (reachable.contains(d) && !d.dispatched) {
                dispatcher.dispatch(d);
            }
        }
        finalizeTarget(target);
        List<dev.stagecraft.dockerfile.parser.ParseWarning> warnings = new ArrayList<>(dockerfile.warnings());
        if (epoch.deferredToBuild()) {
            warnings.add(new dev.stagecraft.dockerfile.parser.ParseWarning("SourceDateEpochFromSource",
                    "SOURCE_DATE_EPOCH=" + options.buildArgs().getOrDefault(SourceDateEpoch.NAME,
                            globals.get(SourceDateEpoch.NAME))
                            + " is read from source metadata when building; the plan shows no timestamps",
                    target.stage.location()));
        }
        return PlanAssembler.assemble(table, reachable, target, dispatcher.contextPaths(), globals, warnings);
    }

    private void registerStages(List<Stage> stages, EnvList globals, ShellLex lex, StateTable table) {
        for (Stage st : stages) {
            ExpansionResult name = expandFrom(lex, st.baseName(), globals, st.location());
            if (name.result().isEmpty()) {
                throw new DockerfileException("base name (" + st.baseName() + ") should not be blank", st.location());
            }
            DispatchState d = new DispatchState(st, name.result(), table.states.size(), false);
            if (st.platform() != null && !st.platform().isEmpty()) {
                d.platform = parsePlatform(lex, st, globals);
            }
            table.add(d);
            d.cmdTotal = countProgressSteps(d);
        }
    }

    private static ExpansionResult expandFrom(ShellLex lex, String word, EnvList globals, SourceRange location) {
        try {
            return lex.processWordWithMatches(word, globals);
        } catch (ShellExpansionException e) {
            throw new DockerfileException(e.getMessage(), location);
        }
    }

    private Platform parsePlatform(ShellLex lex, Stage st, EnvList globals) {
        String raw = st.platform();
        ExpansionResult r;
        try {
            r = lex.processWordWithMatches(raw, globals);
        } catch (ShellExpansionException e) {
            throw new DockerfileException("failed to process arguments for platform " + raw + ": " + e.getMessage(),
                    st.location());
        }
        if (r.result().isEmpty()) {
            throw new DockerfileException(
                    withSuggestion("empty platform value from expression " + raw, r, globals), st.location());
        }
        try {
            return Platform.parse(r.result(), options.buildPlatform());
        } catch (InvalidPlatformException e) {
            throw new DockerfileException("failed to parse platform " + raw + ": " + e.getMessage(), st.location());
        }
    }

    private static String withSuggestion(String message, ExpansionResult r, EnvList globals) {
        for (String unmatched : r.unmatched()) {
            var s = Suggestions.closest(unmatched, globals.names());
            if (s.isPresent()) {
                return message + " (did you mean " + s.get() + "?)";
            }
        }
        return message;
    }

    private static int countProgressSteps(DispatchState d) {
        int total = !d.isScratchBase() && d.base == null ? 1 : 0;
        for (var ins : d.stage.instructions()) {
            switch (ins.keyword()) {
                case "ADD", "COPY", "RUN", "WORKDIR" -> total++;
                default -> {
                }
            }
        }
        return total;
    }

    private DispatchState resolveTarget(StateTable table) {
        if (options.target() == null) {
            return table.states.get(table.states.size() - 1);
        }
        DispatchState t = table.byName(options.target());
        if (t == null) {
            String msg = "target stage " + GoText.quote(options.target()) + " could not be found";
            var s = Suggestions.closest(options.target(), table.names());
            throw new DockerfileException(s.map(n -> msg + " (did you mean " + n + "?)").orElse(msg));
        }
        return t;
    }

    private void finalizeTarget(DispatchState target) {
        ImageBuilder img = target.image;
        Platform explicit = options.targetPlatform();
        if (explicit == null) {
            normalizePlatform(img);
            return;
        }
        boolean sameOsArch = explicit.os().equals(img.os) && explicit.architecture().equals(img.architecture);
        img.os = explicit.os();
        img.architecture = explicit.architecture();
        if (!explicit.variant().isEmpty() || !sameOsArch) {
            img.variant = explicit.variant().isEmpty() ? null : explicit.variant();
        }
        if (!explicit.osVersion().isEmpty() || !sameOsArch) {
            img.osVersion = explicit.osVersion().isEmpty() ? null : explicit.osVersion();
        }
        normalizePlatform(img);
    }

    /** BuildKit normalises the final platform fields ({@code arm64/v8} becomes {@code arm64}). */
    private static void normalizePlatform(ImageBuilder img) {
        if (img.os == null || img.architecture == null) {
            return;
        }
        Platform p = new Platform(img.os, img.architecture, img.variant, img.osVersion).normalize();
        img.os = p.os();
        img.architecture = p.architecture();
        img.variant = p.variant().isEmpty() ? null : p.variant();
        img.osVersion = p.osVersion().isEmpty() ? null : p.osVersion();
    }

    /** All dispatch states, with the stage-name index (lower-cased names, later ones win). */
    static final class StateTable {
        final List<DispatchState> states = new ArrayList<>();
        private final java.util.Map<String, DispatchState> byName = new java.util.HashMap<>();

        void add(DispatchState d) {
            states.add(d);
            DispatchState parent = byName.get(d.baseName);
            if (parent != null) {
                d.base = parent;
            }
            if (d.stage != null && d.stage.name() != null) {
                byName.put(d.stage.name().toLowerCase(Locale.ROOT), d);
            }
        }

        DispatchState byName(String name) {
            return byName.get(name.toLowerCase(Locale.ROOT));
        }

        /** The number of stages written in the Dockerfile (images named by --from excluded). */
        int stageCount() {
            return (int) states.stream().filter(s -> !s.unregistered).count();
        }

        List<String> names() {
            return states.stream().filter(s -> s.stage != null && s.stage.name() != null)
                    .map(s -> s.stage.name()).toList();
        }
    }
}
