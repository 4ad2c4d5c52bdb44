package dev.stagecraft.dockerfile.instruction;

/**
 * One name of an ARG line.
 *
 * @param key          the name
 * @param defaultValue the default as written (quotes kept, expanded at dispatch), or null
 */
public record ArgDeclaration(String key, String defaultValue) {
    public boolean hasDefault() {
        return defaultValue != null;
    }

    @Override
    public String toString() {
        return hasDefault() ? key + "=" + defaultValue : key;
    }
}
