package dev.stagecraft.worker;

import dev.stagecraft.context.BuildContext;

/** A build context: the directory (with its ignore rules) whose files COPY, ADD and bind mounts read. */
public record ContextRef(String name, BuildContext context) implements Ref {
}
