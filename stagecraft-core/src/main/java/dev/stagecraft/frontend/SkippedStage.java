package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.SourceRange;

/**
 * A stage that was parsed and validated but will not run.
 *
 * @param index       position in the Dockerfile
 * @param displayName its name or {@code stage-N}
 * @param reason      why, e.g. {@code not needed by target "release"}
 * @param location    its FROM line
 */
public record SkippedStage(int index, String displayName, String reason, SourceRange location) {
}
