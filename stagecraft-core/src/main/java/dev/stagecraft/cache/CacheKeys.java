package dev.stagecraft.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.context.BuildContext;
import dev.stagecraft.context.ContentChecksums;
import dev.stagecraft.context.Selection;
import dev.stagecraft.context.SelectionListing;
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
    private final SelectionObserver observer;

    public CacheKeys(ContentChecksums checksums) {
        this(checksums, null);
    }

    /**
     * @param observer hears every context selection a key covers, with its entries (for the build
     *                 record that explains cache misses); null for none
     */
    public CacheKeys(ContentChecksums checksums, SelectionObserver observer) {
        this.checksums = checksums;
        this.observer = observer;
    }

    /** Hears what a key's context selections held, entry by entry. Called from the build's threads. */
    @FunctionalInterface
    public interface SelectionObserver {
        /**
         * @param input     the index of the context input of {@code vertex}
         * @param selection what the op selects from it
         * @param listing   the selection's checksum and entries
         */
        void selected(Vertex vertex, int input, Selection selection, SelectionListing listing);
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
                    if (observer == null) {
                        selected.add(checksums.checksum(context, s).toString());
                    } else {
                        SelectionListing listing = checksums.listing(context, s);
                        observer.selected(vertex, i, s, listing);
                        selected.add(listing.checksum().toString());
                    }
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
