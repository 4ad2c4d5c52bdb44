package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.instruction.ArgDeclaration;
import dev.stagecraft.dockerfile.instruction.Instruction;
import dev.stagecraft.dockerfile.instruction.Stage;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.reference.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frontend's working state for one stage, or for an image named by {@code COPY --from} /
 * {@code --mount from=} (an "unregistered" state that is only ever a source).
 */
final class DispatchState {
    /** An instruction with the states it reads from. */
    record Command(Instruction instruction, List<DispatchState> sources, boolean onBuild) {
    }

    final Stage stage;
    final boolean unregistered;
    /** The position in the list of all states; equals the stage index for registered ones. */
    final int position;
    /** The base name after expansion with the global args; an image name gets normalised. */
    String baseName;
    /** The base name as first expanded, before normalisation. */
    final String requestedName;
    String stageName;
    DispatchState base;
    Platform platform;
    final Map<DispatchState, Instruction> deps = new LinkedHashMap<>();
    List<Command> commands = new ArrayList<>();

    boolean resolved;
    boolean dispatched;
    boolean onBuildInit;
    boolean baseConfigKnown = true;

    ImageBuilder image;
    /** The current filesystem; null means empty (scratch). */
    Vertex state;
    EnvList env = EnvList.empty();
    String workdir = "/";
    String user = "";
    List<ArgDeclaration> buildArgs = new ArrayList<>();
    boolean cmdSet;
    int cmdIndex;
    int cmdTotal;
    List<PlannedStep> steps = new ArrayList<>();
    /** For an image named by --from: the instruction that named it first. */
    dev.stagecraft.dockerfile.SourceRange sourceLocation;

    DispatchState(Stage stage, String baseName, int position, boolean unregistered) {
        this.stage = stage;
        this.baseName = baseName;
        this.requestedName = baseName;
        this.position = position;
        this.unregistered = unregistered;
        this.stageName = stage == null ? baseName : stage.displayName();
    }

    /** Inherits everything from the base stage (BuildKit's {@code dispatchState.init}). */
    void inheritFromBase() {
        if (base == null) {
            return;
        }
        state = base.state;
        platform = base.platform;
        image = base.image.copy();
        image.onBuild = null;
        env = base.env;
        workdir = base.workdir;
        user = base.user;
        List<ArgDeclaration> args = new ArrayList<>(buildArgs);
        args.addAll(base.buildArgs);
        buildArgs = args;
        baseConfigKnown = base.baseConfigKnown;
    }

    boolean isScratchBase() {
        return "scratch".equals(baseName);
    }

    @Override
    public String toString() {
        return stageName;
    }
}
