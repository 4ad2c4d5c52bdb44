package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.instruction.CmdInstruction;
import dev.stagecraft.dockerfile.instruction.CommandLine;
import dev.stagecraft.dockerfile.instruction.EntrypointInstruction;
import dev.stagecraft.dockerfile.instruction.EnvInstruction;
import dev.stagecraft.dockerfile.instruction.ExposeInstruction;
import dev.stagecraft.dockerfile.instruction.ExposedPorts;
import dev.stagecraft.dockerfile.instruction.Instruction;
import dev.stagecraft.dockerfile.instruction.InstructionParser;
import dev.stagecraft.dockerfile.instruction.KeyValue;
import dev.stagecraft.dockerfile.instruction.LabelInstruction;
import dev.stagecraft.dockerfile.instruction.UserInstruction;
import dev.stagecraft.dockerfile.instruction.VolumeInstruction;
import dev.stagecraft.dockerfile.instruction.WordExpander;
import dev.stagecraft.dockerfile.instruction.WorkdirInstruction;
import dev.stagecraft.dockerfile.parser.DockerfileParser;
import dev.stagecraft.dockerfile.shell.ShellEnv;
import dev.stagecraft.dockerfile.shell.ShellLex;
import dev.stagecraft.image.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --change} instructions of {@code docker import}: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,
 * USER, VOLUME and WORKDIR, applied in order to an empty config, with Dockerfile syntax and
 * variable expansion against the ENV set so far (as docker's builder does for import).
 */
final class ImportChanges {
    private static final List<String> SHELL = List.of("/bin/sh", "-c");

    private String user;
    private final Map<String, Map<String, Object>> ports = new TreeMap<>();
    private final LinkedHashMap<String, String> env = new LinkedHashMap<>();
    private List<String> entrypoint;
    private List<String> cmd;
    private final Map<String, Map<String, Object>> volumes = new TreeMap<>();
    private String workdir;
    private final Map<String, String> labels = new TreeMap<>();

    private ImportChanges() {
    }

    /** The config the changes describe; empty for no changes. */
    static ContainerConfig apply(List<String> changes) {
        ImportChanges c = new ImportChanges();
        if (changes == null || changes.isEmpty()) {
            return ContainerConfig.empty();
        }
        List<Instruction> instructions;
        try {
            String dockerfile = "FROM scratch\n" + String.join("\n", changes) + "\n";
            instructions = InstructionParser.parse(DockerfileParser.parse(dockerfile)).stages().get(0).instructions();
        } catch (DockerfileException e) {
            throw new StagecraftException("invalid --change: " + e.reason());
        }
        ShellLex lex = new ShellLex('\\');
        for (Instruction ins : instructions) {
            ShellEnv vars = ShellEnv.of(c.env);
            c.dispatch(ins, word -> lex.processWord(word, vars), word -> lex.processWords(word, vars));
        }
        return c.build();
    }

    @FunctionalInterface
    private interface WordSplitter {
        List<String> split(String word);
    }

    private void dispatch(Instruction ins, WordExpander ex, WordSplitter split) {
        if (ins instanceof CmdInstruction c) {
            cmd = command(c.command());
        } else if (ins instanceof EntrypointInstruction e) {
            entrypoint = command(e.command());
        } else if (ins instanceof EnvInstruction e) {
            for (KeyValue kv : e.expand(ex).vars()) {
                env.remove(kv.key()); // a redefined variable moves to the end, as docker's Env list has it
                env.put(kv.key(), kv.value());
            }
        } else if (ins instanceof LabelInstruction l) {
            l.expand(ex).labels().forEach(kv -> labels.put(kv.key(), kv.value()));
        } else if (ins instanceof ExposeInstruction e) {
            List<String> words = new ArrayList<>();
            e.ports().forEach(p -> words.addAll(split.split(p)));
            ExposedPorts.parse(words).forEach(p -> ports.put(p, Map.of()));
        } else if (ins instanceof UserInstruction u) {
            user = u.expand(ex).user();
        } else if (ins instanceof VolumeInstruction v) {
            for (String volume : v.expand(ex).volumes()) {
                if (volume.isEmpty()) {
                    throw new StagecraftException("invalid --change: VOLUME specified can not be an empty string");
                }
                volumes.put(volume, Map.of());
            }
        } else if (ins instanceof WorkdirInstruction w) {
            String path = w.expand(ex).path();
            workdir = path.startsWith("/") || workdir == null ? normalize("/" + path)
                    : normalize(workdir + "/" + path);
        } else {
            String keyword = ins.original().trim().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
            throw new StagecraftException("invalid --change: " + keyword + " is not supported by import; use CMD,"
                    + " ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME or WORKDIR");
        }
    }

    private static List<String> command(CommandLine line) {
        if (!line.shellForm()) {
            return List.copyOf(line.args());
        }
        List<String> out = new ArrayList<>(SHELL);
        out.add(String.join(" ", line.args()));
        return out;
    }

    private static String normalize(String path) {
        String n = java.nio.file.Path.of(path).normalize().toString();
        return n.isEmpty() ? "/" : n;
    }

    private ContainerConfig build() {
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        return new ContainerConfig(user, ports.isEmpty() ? null : ports, envList.isEmpty() ? null : envList,
                entrypoint, cmd, volumes.isEmpty() ? null : volumes, workdir, labels.isEmpty() ? null : labels,
                null, false, null, null, null);
    }
}
