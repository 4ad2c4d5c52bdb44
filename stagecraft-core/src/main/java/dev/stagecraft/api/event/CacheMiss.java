package dev.stagecraft.api.event;

/**
 * Why a step did not come from the build cache.
 *
 * @param step   the step, as progress showed it
 * @param reason what changed since the last build of the same Dockerfile and target, e.g.
 *               {@code cache miss: context file changed: app.txt}, {@code --no-cache-filter}
 */
public record CacheMiss(BuildStep step, String reason) {
}
