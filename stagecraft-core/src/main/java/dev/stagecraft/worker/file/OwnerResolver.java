package dev.stagecraft.worker.file;

/**
 * Looks up user and group names in the destination's root file system, as BuildKit does for
 * {@code --chown} and for the owner of a WORKDIR: names come from the destination's
 * {@code /etc/passwd} and {@code /etc/group} (never the host's).
 *
 * <p>Both methods return null when the name is not known, or when the file is missing; the file
 * worker then keeps id 0, as BuildKit does. {@link PasswdOwnerResolver} is the implementation
 * that reads those files from a root directory.
 */
public interface OwnerResolver {
    /** The user's uid and primary gid, or null when the destination has no such user. */
    Owner user(String name);

    /** The group's gid, or null when the destination has no such group. */
    Integer group(String name);
}
