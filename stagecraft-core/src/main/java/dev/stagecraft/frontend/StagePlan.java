package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.reference.Platform;
import java.util.List;

/**
 * A stage that the build will run.
 *
 * @param index        position in the Dockerfile, 0-based
 * @param name         the stage name (lower-cased), or null when unnamed
 * @param displayName  the name or {@code stage-N}
 * @param base         what it starts from
 * @param platform     the platform it runs as
 * @param dependencies indexes of the stages it needs besides its base (COPY --from, mounts)
 * @param images       images it reads from besides its base (COPY --from=image, mount from=image)
 * @param steps        its instructions, ONBUILD triggers first
 * @param image        the image config after its last instruction
 * @param result       the graph vertex of its final filesystem, or null when it is empty
 * @param location     its FROM line
 */
public record StagePlan(int index, String name, String displayName, StageBase base, Platform platform,
        List<Integer> dependencies, List<String> images, List<PlannedStep> steps, ImageConfig image, Vertex result,
        SourceRange location) {
    public StagePlan {
        dependencies = List.copyOf(dependencies);
        images = List.copyOf(images);
        steps = List.copyOf(steps);
    }
}
