package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.instruction.ArgDeclaration;
import dev.stagecraft.dockerfile.instruction.ArgInstruction;
import dev.stagecraft.dockerfile.shell.ShellExpansionException;
import dev.stagecraft.dockerfile.shell.ShellLex;
import dev.stagecraft.reference.Platform;
import java.util.List;
import java.util.Map;

/** The global (meta) ARG scope that FROM lines are expanded in. */
final class GlobalArgs {
    private GlobalArgs() {
    }

    /**
     * The automatic platform args and TARGETSTAGE; a build arg of the same name replaces the
     * automatic value even without an ARG line.
     *
     * @param targetName the target as typed, or the last stage's name (null when unnamed)
     */
    static EnvList defaults(FrontendOptions options, String targetName) {
        Platform build = options.buildPlatform();
        Platform target = options.effectiveTargetPlatform();
        String[][] automatic = {
            {"BUILDPLATFORM", build.format()},
            {"BUILDOS", build.os()},
            {"BUILDOSVERSION", build.osVersion()},
            {"BUILDARCH", build.architecture()},
            {"BUILDVARIANT", build.variant()},
            {"TARGETPLATFORM", target.formatAll()},
            {"TARGETOS", target.os()},
            {"TARGETOSVERSION", target.osVersion()},
            {"TARGETARCH", target.architecture()},
            {"TARGETVARIANT", target.variant()},
            {"TARGETSTAGE", targetName == null || targetName.isEmpty() ? "default" : targetName},
        };
        EnvList env = EnvList.empty();
        for (String[] kv : automatic) {
            String override = options.buildArgs().get(kv[0]);
            env = env.with(kv[0], override != null ? override : kv[1] == null ? "" : kv[1]);
        }
        return env;
    }

    /**
     * Evaluates the ARG lines before the first FROM, top to bottom: a build arg's raw value wins;
     * else a default is expanded with the globals so far; else the name stays as it was.
     */
    static EnvList evaluateMetaArgs(EnvList globals, List<ArgInstruction> metaArgs, Map<String, String> buildArgs,
            ShellLex lex) {
        EnvList env = globals;
        for (ArgInstruction arg : metaArgs) {
            for (ArgDeclaration decl : arg.args()) {
                String value = buildArgs.get(decl.key());
                if (value == null && decl.hasDefault()) {
                    try {
                        value = lex.processWord(decl.defaultValue(), env);
                    } catch (ShellExpansionException e) {
                        throw new DockerfileException(e.getMessage(), arg.location());
                    }
                }
                if (value != null) {
                    env = env.with(decl.key(), value);
                }
            }
        }
        return env;
    }
}
