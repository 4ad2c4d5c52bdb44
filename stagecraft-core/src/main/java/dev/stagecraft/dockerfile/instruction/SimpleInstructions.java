package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.parser.Heredoc;
import dev.stagecraft.dockerfile.parser.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The instructions that take no flags and little more than an argument check. */
final class SimpleInstructions {
    /** Go's {@code \s} is ASCII only: space, tab, newline, form feed, carriage return. */
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*");

    private SimpleInstructions() {
    }

    static EnvInstruction env(Node node) {
        noFlags(node);
        return new EnvInstruction(keyValues(node, "ENV"), node.location(), code(node));
    }

    static LabelInstruction label(Node node) {
        noFlags(node);
        return new LabelInstruction(keyValues(node, "LABEL"), node.location(), code(node));
    }

    static MaintainerInstruction maintainer(Node node) {
        String value = exactlyOne(node, "MAINTAINER");
        noFlags(node);
        return new MaintainerInstruction(value, node.location(), code(node));
    }

    static WorkdirInstruction workdir(Node node) {
        String value = exactlyOne(node, "WORKDIR");
        noFlags(node);
        return new WorkdirInstruction(value, node.location(), code(node));
    }

    static UserInstruction user(Node node) {
        String value = exactlyOne(node, "USER");
        noFlags(node);
        return new UserInstruction(value, node.location(), code(node));
    }

    /** STOPSIGNAL never parses its flags, so unknown ones pass silently (as in BuildKit). */
    static StopSignalInstruction stopSignal(Node node) {
        String value = exactlyOne(node, "STOPSIGNAL");
        return new StopSignalInstruction(value, node.location(), code(node));
    }

    /** EXPOSE sorts its words at parse time, as BuildKit does; validation happens at dispatch. */
    static ExposeInstruction expose(Node node) {
        atLeastOne(node, "EXPOSE");
        noFlags(node);
        List<String> ports = new ArrayList<>(node.args());
        ports.sort(null);
        return new ExposeInstruction(ports, node.location(), code(node));
    }

    static VolumeInstruction volume(Node node) {
        atLeastOne(node, "VOLUME");
        noFlags(node);
        List<String> volumes = new ArrayList<>();
        for (String arg : node.args()) {
            String volume = arg.strip();
            if (volume.isEmpty()) {
                throw new DockerfileException("VOLUME specified can not be an empty string");
            }
            volumes.add(volume);
        }
        return new VolumeInstruction(volumes, node.location(), code(node));
    }

    /** ARG never parses its flags, so unknown ones pass silently (as in BuildKit). */
    static ArgInstruction arg(Node node) {
        atLeastOne(node, "ARG");
        List<ArgDeclaration> declarations = new ArrayList<>();
        String comment = "";
        for (String word : node.args()) {
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            if (eq == 0) {
                throw new DockerfileException("ARG names can not be blank");
            }
            declarations.add(new ArgDeclaration(key, eq < 0 ? null : word.substring(eq + 1)));
            if (comment.isEmpty()) {
                comment = DocComments.find(node.prevComments(), key);
            }
        }
        return new ArgInstruction(declarations, comment, node.location(), code(node));
    }

    /**
     * ONBUILD: only the trigger keyword is checked; the trigger itself is typed when it fires in a
     * child build.
     */
    static OnbuildInstruction onbuild(Node node) {
        Node trigger = node.subInstruction();
        if (trigger == null) {
            throw new DockerfileException("ONBUILD requires at least one argument");
        }
        noFlags(node);
        String keyword = trigger.keyword().strip().toUpperCase(Locale.ROOT);
        if (keyword.equals("ONBUILD")) {
            throw new DockerfileException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (keyword.equals("MAINTAINER") || keyword.equals("FROM")) {
            throw new DockerfileException(keyword + " isn't allowed as an ONBUILD trigger");
        }
        StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(node.original()).replaceFirst(""));
        for (Heredoc heredoc : node.heredocs()) {
            expression.append('\n').append(heredoc.content()).append(heredoc.name());
        }
        return new OnbuildInstruction(expression.toString(), node.location(), code(node));
    }

    /** ENV/LABEL arguments come in triples: key, value, and "=" or "" for the legacy form. */
    private static List<KeyValue> keyValues(Node node, String keyword) {
        List<String> args = node.args();
        if (args.isEmpty()) {
            throw new DockerfileException(keyword + " requires at least one argument");
        }
        if (args.size() % 3 != 0) {
            throw new DockerfileException("Bad input to " + keyword + ", too many arguments");
        }
        List<KeyValue> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 3) {
            if (args.get(i).isEmpty()) {
                throw new DockerfileException(keyword + " names can not be blank");
            }
            pairs.add(new KeyValue(args.get(i), args.get(i + 1), args.get(i + 2).isEmpty()));
        }
        return pairs;
    }

    static void noFlags(Node node) {
        new BuilderFlags(node.flags()).parse();
    }

    static String exactlyOne(Node node, String keyword) {
        if (node.args().size() != 1) {
            throw new DockerfileException(keyword + " requires exactly one argument");
        }
        return node.args().get(0);
    }

    static void atLeastOne(Node node, String keyword) {
        if (node.args().isEmpty()) {
            throw new DockerfileException(keyword + " requires at least one argument");
        }
    }

    /** The instruction text as BuildKit keeps it: trimmed, heredoc bodies excluded. */
    static String code(Node node) {
        return node.original().strip();
    }
}
