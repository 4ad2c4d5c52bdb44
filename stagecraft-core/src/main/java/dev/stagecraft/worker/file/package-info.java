/**
 * The file worker: runs a {@link dev.stagecraft.graph.FileOp} (COPY, ADD, WORKDIR, inline
 * documents) on a destination directory with BuildKit's file op semantics.
 * {@link dev.stagecraft.worker.file.FileActions#apply} is the entry point;
 * {@link dev.stagecraft.worker.file.OwnerResolver} looks up names in the destination
 * ({@link dev.stagecraft.worker.file.PasswdOwnerResolver} reads its {@code /etc/passwd} and
 * {@code /etc/group}).
 */
package dev.stagecraft.worker.file;
