package dev.stagecraft.cli;

import dev.stagecraft.api.BuildPlan;
import dev.stagecraft.api.PlanFormat;
import dev.stagecraft.api.PlanRequest;
import dev.stagecraft.api.Stagecraft;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stagecraft plan}: shows what a build would do, running nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what a build would do, without running anything.", "",
            "Lists the stages that run, in which order and which of them at the same",
            "time, the stages skipped and why, every step with its variables expanded,",
            "and the image config of the target. No registry is contacted."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BuildOptions build;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or dot (Graphviz). Default: ${DEFAULT-VALUE}.")
    String format;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
    Path context;

    @Override
    public Integer call() {
        PlanFormat planFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> PlanFormat.TEXT;
            case "json" -> PlanFormat.JSON;
            case "dot" -> PlanFormat.DOT;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid --format \"" + format + "\": use text, json or dot");
        };
        PlanRequest request = PlanRequest.of(context)
                .withDockerfile(build.dockerfile(context))
                .withTarget(build.target)
                .withBuildArgs(build.buildArgs(System.getenv()))
                .withPlatform(build.platform);
        BuildPlan plan = Stagecraft.plan(request);
        PrintWriter out = spec.commandLine().getOut();
        out.print(plan.render(planFormat));
        out.flush();
        return 0;
    }
}
