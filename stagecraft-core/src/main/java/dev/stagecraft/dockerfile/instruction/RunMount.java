package dev.stagecraft.dockerfile.instruction;

/**
 * One {@code RUN --mount=...} after parsing (and, at dispatch, expansion).
 *
 * @param type     bind, cache, tmpfs, secret or ssh
 * @param from     stage name, image or named context; null = build context (bind) / empty (cache)
 * @param source   subpath in {@code from} (bind, cache) or secret id source; null when absent
 * @param target   mount path as written (relative paths are joined to WORKDIR at dispatch);
 *                 null when absent (allowed for secret and ssh)
 * @param readOnly whether the mount is read-only (defaults per type)
 * @param id       cache/secret/ssh id as given, null when absent
 * @param sharing  cache sharing mode: shared, private or locked (null for other types)
 * @param mode     octal file mode, null when absent
 * @param uid      owner uid, null when absent
 * @param gid      owner gid, null when absent
 * @param sizeBytes tmpfs size in bytes, 0 when absent
 * @param required secret/ssh: fail when missing
 * @param env      secret: the env var to expose it as, null when absent
 */
public record RunMount(
        MountType type,
        String from,
        String source,
        String target,
        boolean readOnly,
        String id,
        String sharing,
        Integer mode,
        Integer uid,
        Integer gid,
        long sizeBytes,
        boolean required,
        String env) {

    /** The mount types BuildKit knows. */
    public enum MountType {
        BIND, CACHE, TMPFS, SECRET, SSH;

        /** The lower-case name used in Dockerfiles. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
