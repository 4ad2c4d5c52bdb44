package dev.stagecraft.worker;

import java.nio.file.Path;

/** A build context: a directory whose files COPY, ADD and bind mounts read. */
public record ContextRef(String name, Path directory) implements Ref {
}
