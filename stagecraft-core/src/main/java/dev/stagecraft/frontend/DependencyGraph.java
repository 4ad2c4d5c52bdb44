package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.instruction.CopyInstruction;
import dev.stagecraft.dockerfile.instruction.Instruction;
import dev.stagecraft.dockerfile.instruction.RunInstruction;
import dev.stagecraft.dockerfile.instruction.RunMount;
import dev.stagecraft.dockerfile.shell.ShellEnv;
import dev.stagecraft.dockerfile.shell.ShellExpansionException;
import dev.stagecraft.dockerfile.shell.ShellLex;
import dev.stagecraft.frontend.DockerfileFrontend.StateTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds what each stage reads from ({@code COPY --from}, {@code RUN --mount from=}) and rejects
 * circular dependencies. Runs over every stage, reachable or not, as BuildKit does.
 */
final class DependencyGraph {
    private DependencyGraph() {
    }

    static void build(StateTable table, ShellLex lex) {
        List<DispatchState> stages = List.copyOf(table.states);
        for (DispatchState d : stages) {
            for (Instruction ins : d.stage.instructions()) {
                d.commands.add(toCommand(ins, table, lex, false));
            }
            recordDependencies(d, d.commands, table);
        }
        validateNoCycles(table.states);
    }

    /** Adds the sources of {@code commands} to {@code d}'s dependencies. */
    static boolean recordDependencies(DispatchState d, List<DispatchState.Command> commands, StateTable table) {
        boolean any = false;
        for (DispatchState.Command c : commands) {
            for (DispatchState src : c.sources()) {
                if (src != null) {
                    any = true;
                    d.deps.putIfAbsent(src, c.instruction());
                    if (src.unregistered && !table.states.contains(src)) {
                        table.states.add(src);
                    }
                }
            }
        }
        return any;
    }

    /** Wraps an instruction with the states it reads from (BuildKit's {@code toCommand}). */
    static DispatchState.Command toCommand(Instruction ins, StateTable table, ShellLex lex, boolean onBuild) {
        List<DispatchState> sources = new ArrayList<>();
        if (ins instanceof CopyInstruction copy && copy.from() != null && !copy.from().isEmpty()) {
            sources.add(copySource(copy, table, lex));
        } else if (ins instanceof RunInstruction run) {
            for (RunMount m : run.mounts()) {
                String from = m.from();
                if ((from == null || from.isEmpty()) && m.type() == RunMount.MountType.CACHE) {
                    from = "scratch";
                }
                if (from == null || from.isEmpty() || m.type() == RunMount.MountType.TMPFS) {
                    sources.add(null);
                    continue;
                }
                DispatchState st = table.byName(from);
                sources.add(st != null ? st : imageSource(from, table, run.location()));
            }
        }
        return new DispatchState.Command(ins, java.util.Collections.unmodifiableList(sources), onBuild);
    }

    private static DispatchState copySource(CopyInstruction copy, StateTable table, ShellLex lex) {
        String from = copy.from();
        String expanded;
        try {
            expanded = lex.processWordWithMatches(from, ShellEnv.empty()).result();
        } catch (ShellExpansionException e) {
            throw new DockerfileException(e.getMessage(), copy.location());
        }
        if (!expanded.equals(from)) {
            throw new DockerfileException("variable expansion is not supported for --from, define a new stage with "
                    + "FROM using ARG from global scope as a workaround", copy.location());
        }
        Integer index = parseIndex(from);
        if (index == null) {
            DispatchState st = table.byName(from);
            return st != null ? st : imageSource(from, table, copy.location());
        }
        if (index < 0 || index >= table.stageCount()) {
            throw new DockerfileException("invalid stage index " + index, copy.location());
        }
        return table.states.get(index);
    }

    /** Go's {@code strconv.Atoi}: optional sign, decimal digits, no overflow. */
    private static Integer parseIndex(String s) {
        if (!s.matches("[+-]?[0-9]+")) {
            return null;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** The state of an image named as a source; one per distinct name. */
    private static DispatchState imageSource(String name, StateTable table, SourceRange location) {
        for (DispatchState s : table.states) {
            if (s.unregistered && s.requestedName.equals(name)) {
                return s;
            }
        }
        DispatchState s = new DispatchState(null, name, table.states.size(), true);
        s.sourceLocation = location;
        return s;
    }

    /** BuildKit's {@code validateCircularDependency}: a depth-first search over the --from edges. */
    private static void validateNoCycles(List<DispatchState> states) {
        Set<DispatchState> visited = new HashSet<>();
        for (DispatchState s : states) {
            List<Instruction> cycle = visit(s, new ArrayList<>(), visited, new HashSet<>());
            if (cycle != null) {
                List<SourceRange> locations = cycle.stream().map(Instruction::location).toList();
                String reason = "circular dependency detected on stage: " + s.stageName;
                throw new DockerfileException(reason, reason, locations, null);
            }
        }
    }

    private static List<Instruction> visit(DispatchState s, List<Instruction> current, Set<DispatchState> visited,
            Set<DispatchState> path) {
        if (!visited.add(s)) {
            return null;
        }
        path.add(s);
        for (var e : s.deps.entrySet()) {
            List<Instruction> next = new ArrayList<>(current);
            next.add(e.getValue());
            if (path.contains(e.getKey())) {
                return next;
            }
            List<Instruction> found = visit(e.getKey(), next, visited, path);
            if (found != null) {
                return found;
            }
        }
        path.remove(s);
        return null;
    }
}
