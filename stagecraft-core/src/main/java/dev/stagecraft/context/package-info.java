/**
 * The build context and path matching: {@link dev.stagecraft.context.BuildContext} (a directory
 * and its {@code .dockerignore}), {@link dev.stagecraft.context.SourceTree} (a directory seen as a
 * root file system, symlinks resolved inside it), Go's {@code filepath.Match}
 * ({@link dev.stagecraft.context.GoGlob}) and moby's pattern matcher
 * ({@link dev.stagecraft.context.PatternMatcher}); content checksums of what a COPY, ADD or bind
 * mount {@link dev.stagecraft.context.Selection selects}, for cache keys, with a persistent cache of
 * file digests ({@link dev.stagecraft.context.ContentChecksums}).
 */
package dev.stagecraft.context;
