package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.parser.Heredoc;
import dev.stagecraft.dockerfile.parser.Node;
import java.util.ArrayList;
import java.util.List;

/** COPY and ADD: flags, then sources (paths or heredocs) and the destination. */
final class CopyAddParser {
    private CopyAddParser() {
    }

    static CopyInstruction copy(Node node) {
        requireDestination(node, "COPY");
        BuilderFlags flags = new BuilderFlags(node.flags());
        BuilderFlags.Flag exclude = flags.addStrings("exclude");
        BuilderFlags.Flag parents = flags.addBool("parents", false);
        BuilderFlags.Flag chown = flags.addString("chown", "");
        BuilderFlags.Flag from = flags.addString("from", "");
        BuilderFlags.Flag chmod = flags.addString("chmod", "");
        BuilderFlags.Flag link = flags.addBool("link", false);
        flags.parse();
        Sources sources = Sources.of(node, "COPY");
        return new CopyInstruction(sources.paths, sources.contents, sources.destination, from.valueOrNull(),
                chown.valueOrNull(), chmod.valueOrNull(), link.isTrue(), parents.isTrue(), exclude.values(),
                node.location(), SimpleInstructions.code(node));
    }

    static AddInstruction add(Node node) {
        requireDestination(node, "ADD");
        BuilderFlags flags = new BuilderFlags(node.flags());
        BuilderFlags.Flag exclude = flags.addStrings("exclude");
        BuilderFlags.Flag chown = flags.addString("chown", "");
        BuilderFlags.Flag chmod = flags.addString("chmod", "");
        BuilderFlags.Flag link = flags.addBool("link", false);
        BuilderFlags.Flag keepGitDir = flags.addBool("keep-git-dir", false);
        BuilderFlags.Flag checksum = flags.addString("checksum", "");
        BuilderFlags.Flag unpack = flags.addBool("unpack", false);
        flags.parse();
        Sources sources = Sources.of(node, "ADD");
        return new AddInstruction(sources.paths, sources.contents, sources.destination, chown.valueOrNull(),
                chmod.valueOrNull(), link.isTrue(), usedBool(flags, keepGitDir), checksum.valueOrNull(),
                usedBool(flags, unpack), exclude.values(), node.location(), SimpleInstructions.code(node));
    }

    /** A bool flag that means something different when not written at all. */
    private static Boolean usedBool(BuilderFlags flags, BuilderFlags.Flag flag) {
        return flags.isUsed(flag.name()) ? flag.isTrue() : null;
    }

    private static void requireDestination(Node node, String keyword) {
        if (node.args().size() < 2) {
            throw new DockerfileException(keyword
                    + " requires at least two arguments, but only one was provided. Destination could not be determined");
        }
    }

    /** The arguments split into source paths, heredoc sources and the destination. */
    private static final class Sources {
        final List<String> paths = new ArrayList<>();
        final List<Heredoc> contents = new ArrayList<>();
        String destination;

        static Sources of(Node node, String keyword) {
            List<String> args = node.args();
            Sources sources = new Sources();
            sources.destination = args.get(args.size() - 1);
            if (HeredocWords.parse(sources.destination) != null) {
                throw new DockerfileException(keyword + " cannot accept a heredoc as a destination");
            }
            for (String src : args.subList(0, args.size() - 1)) {
                Heredoc word = HeredocWords.parse(src);
                if (word == null) {
                    sources.paths.add(src);
                } else {
                    sources.contents.add(body(node, word));
                }
            }
            return sources;
        }

        /**
         * The heredoc the parser read for this word. BuildKit looks bodies up by name (the last
         * one wins) and uses an empty body when there is none, e.g. in JSON form.
         */
        private static Heredoc body(Node node, Heredoc word) {
            Heredoc found = null;
            for (Heredoc heredoc : node.heredocs()) {
                if (heredoc.name().equals(word.name())) {
                    found = heredoc;
                }
            }
            String content = found == null ? "" : found.content();
            if (word.chomp()) {
                content = HeredocWords.chomp(content);
            }
            return new Heredoc(word.name(), content, word.expand(), word.chomp(), word.fileDescriptor());
        }
    }
}
