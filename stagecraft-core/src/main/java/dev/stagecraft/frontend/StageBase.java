package dev.stagecraft.frontend;

/**
 * What a stage starts from.
 *
 * @param kind          scratch, stage or image
 * @param name          the image reference as resolved (pinned when known), or the parent stage's
 *                      name; "scratch" for scratch
 * @param stageIndex    the parent stage's index for {@code kind == STAGE}, else -1
 * @param configKnown   false when the base image's config could not be looked up (offline plan)
 */
public record StageBase(Kind kind, String name, int stageIndex, boolean configKnown) {
    /** The three kinds of base. */
    public enum Kind {
        SCRATCH, STAGE, IMAGE
    }
}
