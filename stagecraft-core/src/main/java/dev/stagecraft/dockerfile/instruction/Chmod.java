package dev.stagecraft.dockerfile.instruction;

/**
 * A validated {@code --chmod} value: either an octal mode or a symbolic one ({@code u=rwX,go=rX}).
 *
 * @param octal    the mode bits (at most 07777), or null for a symbolic mode
 * @param symbolic the symbolic text as written, or null for an octal mode
 */
public record Chmod(Integer octal, String symbolic) {
    public boolean isSymbolic() {
        return symbolic != null;
    }
}
