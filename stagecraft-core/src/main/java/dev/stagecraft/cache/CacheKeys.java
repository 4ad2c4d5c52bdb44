package dev.stagecraft.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.context.BuildContext;
import dev.stagecraft.context.ContentChecksums;
import dev.stagecraft.context.Selection;
import dev.stagecraft.content.Digest;
import dev.stagecraft.graph.ExecMount;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Op;
import dev.stagecraft.graph.Vertex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Cache keys as BuildKit forms them (buildkit-frontend.md §8): the digest of the op's own
 * definition together with, for each input, the input's key and, where the input is a build
 * context, a content checksum of exactly the paths the op selects from it (COPY/ADD sources, bind
 * mount sources). Names and source lines are not in the definition, so renaming a stage or moving
 * a line keeps keys; the proxy variables are not in it either. An image source is pinned to a
 * digest by the frontend, so its key changes exactly when the tag moves.
 */
public final class CacheKeys {
    /** Bumped when the meaning of a key changes, so old records are never taken for new ones. */
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContentChecksums checksums;

    public CacheKeys(ContentChecksums checksums) {
        this.checksums = checksums;
    }

    /**
     * The key of {@code vertex}.
     *
     * @param inputKeys      its inputs' keys, in input order
     * @param contextOfInput the build context an input is, or null when it is a filesystem
     */
    public String key(Vertex vertex, List<String> inputKeys, IntFunction<BuildContext> contextOfInput)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("op", vertex.opJson());
        ArrayNode inputs = root.putArray("inputs");
        for (int i = 0; i < inputKeys.size(); i++) {
            ObjectNode in = inputs.addObject();
            in.put("key", inputKeys.get(i));
            BuildContext context = contextOfInput.apply(i);
            if (context != null) {
                ArrayNode selected = in.putArray("selected");
                for (Selection s : selections(vertex.op(), i)) {
                    selected.add(checksums.checksum(context, s).toString());
                }
            }
        }
        return Digest.sha256(JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What {@code op} reads from its input {@code input}: COPY/ADD sources, bind mount sources. */
    static List<Selection> selections(Op op, int input) {
        List<Selection> out = new ArrayList<>();
        if (op instanceof FileOp file) {
            for (FileAction action : file.actions()) {
                if (action instanceof FileAction.Copy copy && copy.input() == input) {
                    out.add(new Selection(copy.source(), copy.allowWildcard(), copy.followSymlinks(),
                            copy.includePatterns(), copy.excludePatterns()));
                }
            }
        } else if (op instanceof ExecOp exec) {
            for (ExecMount mount : exec.mounts()) {
                if (mount.input() == input) {
                    String source = mount.selector() == null || mount.selector().isEmpty() ? "/" : mount.selector();
                    out.add(new Selection(source, false, true, List.of(), List.of()));
                }
            }
        }
        return out;
    }
}
