package dev.stagecraft.graph;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A filesystem mounted into an {@link ExecOp}.
 *
 * @param type       bind, cache, tmpfs, secret or ssh
 * @param target     absolute mount path
 * @param input      index into the vertex inputs of the mounted filesystem, or -1 for none
 *                   (scratch, tmpfs, secret, ssh)
 * @param selector   subpath of the input to mount, or null for its root
 * @param readOnly   whether writes are refused
 * @param cacheId    the cache id (cache mounts), else null
 * @param sharing    shared, private or locked (cache mounts), else null
 * @param mode       file mode for cache/secret/ssh, else null
 * @param uid        owner uid, else null
 * @param gid        owner gid, else null
 * @param sizeBytes  tmpfs size limit, 0 for none
 * @param secretEnv  secret exposed as this env variable, else null
 * @param required   secret/ssh must exist
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ExecMount(String type, String target, int input, String selector, boolean readOnly, String cacheId,
        String sharing, Integer mode, Integer uid, Integer gid, long sizeBytes, String secretEnv, boolean required) {
}
