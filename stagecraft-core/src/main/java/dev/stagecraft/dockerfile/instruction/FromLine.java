package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.parser.Node;
import dev.stagecraft.text.GoText;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A typed FROM line, waiting for the instructions of its stage. */
record FromLine(String name, String originalName, String baseName, String platform, String comment,
        SourceRange location, String original) {
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    static FromLine parse(Node node) {
        List<String> args = node.args();
        String name = null;
        String originalName = null;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            originalName = args.get(2);
            name = originalName.toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw new DockerfileException("invalid name for build stage: " + GoText.quote(originalName)
                        + ", name can't start with a number or contain symbols");
            }
        } else if (args.size() != 1) {
            throw new DockerfileException("FROM requires either one or three arguments");
        }
        BuilderFlags flags = new BuilderFlags(node.flags());
        BuilderFlags.Flag platform = flags.addString("platform", "");
        flags.parse();
        return new FromLine(name, originalName, args.get(0), platform.valueOrNull(),
                DocComments.find(node.prevComments(), name), node.location(), node.original().strip());
    }

    Stage toStage(int index, List<Instruction> instructions) {
        return new Stage(index, name, originalName, baseName, platform, instructions, comment, location, original);
    }
}
