package dev.stagecraft.api.event;

/**
 * A step of a build as progress shows it.
 *
 * @param id   a stable identifier (the step's definition digest)
 * @param name what it does, as BuildKit names it ({@code [build 2/4] RUN make})
 */
public record BuildStep(String id, String name) {
}
