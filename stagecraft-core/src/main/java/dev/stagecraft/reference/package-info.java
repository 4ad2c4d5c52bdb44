/**
 * Image references and platforms, validated and normalised exactly as BuildKit's Dockerfile
 * frontend does it: {@link dev.stagecraft.reference.ImageReference} follows
 * {@code github.com/distribution/reference} ({@code ParseNormalizedNamed}, {@code TagNameOnly},
 * {@code FamiliarString}) and {@link dev.stagecraft.reference.Platform} follows
 * {@code github.com/containerd/platforms} ({@code Parse}, {@code Format}, {@code FormatAll},
 * {@code Normalize}). Error messages are upstream's, word for word.
 *
 * <p>A foundation package: it depends on nothing of stagecraft but the root exception.
 */
package dev.stagecraft.reference;
