package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.parser.Directives;
import dev.stagecraft.dockerfile.parser.ParseWarning;
import java.util.List;

/**
 * A whole Dockerfile, typed and validated.
 *
 * @param metaArgs   the ARG lines before the first FROM
 * @param stages     the stages in file order; empty when the file has no FROM (the frontend then
 *                   fails with {@code dockerfile contains no stages to build})
 * @param directives the parser directives
 * @param warnings   non-fatal findings from parsing and validation
 */
public record Dockerfile(List<ArgInstruction> metaArgs, List<Stage> stages, Directives directives,
        List<ParseWarning> warnings) {
    public Dockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }
}
