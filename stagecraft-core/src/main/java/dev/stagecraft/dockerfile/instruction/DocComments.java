package dev.stagecraft.dockerfile.instruction;

import java.util.List;

/** Doc comments: a {@code # <name> <description>} line directly above FROM ... AS name or ARG name. */
final class DocComments {
    private DocComments() {
    }

    /** The description of {@code name}, or "" when no comment line starts with the name. */
    static String find(List<String> comments, String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String prefix = name + " ";
        for (String line : comments) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        return "";
    }
}
