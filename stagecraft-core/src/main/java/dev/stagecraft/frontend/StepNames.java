package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.shell.ShellEnv;
import dev.stagecraft.dockerfile.shell.ShellExpansionException;
import dev.stagecraft.dockerfile.shell.ShellLex;
import java.util.Locale;

/** Progress names of steps, as BuildKit prints them: {@code [build 2/5] RUN make}. */
final class StepNames {
    private StepNames() {
    }

    /**
     * A RUN as progress shows it: variables that are set expanded, quotes and unset variables
     * left as written (the shell will see them), keyword upper-cased.
     */
    static String displayRun(ShellLex lex, String original, ShellEnv env) {
        return display(lex.withRawQuotes(true).withSkipUnsetEnv(true), original, env);
    }

    /**
     * COPY, ADD and WORKDIR as progress shows them: the words as the instruction uses them
     * (quotes removed, unset variables empty), keyword upper-cased; the text as written when it
     * does not expand.
     */
    static String display(ShellLex lex, String original, ShellEnv env) {
        String text;
        try {
            text = lex.processWord(original, env);
        } catch (ShellExpansionException e) {
            text = original;
        }
        int space = text.indexOf(' ');
        return space < 0 ? text.toUpperCase(Locale.ROOT)
                : text.substring(0, space).toUpperCase(Locale.ROOT) + text.substring(space);
    }

    /** BuildKit's {@code prefixCommand}: numbers the step within its stage. */
    static String prefix(DispatchState d, String text, boolean onBuild) {
        if (d.cmdTotal == 0) {
            return text;
        }
        d.cmdIndex++;
        int width = (int) (1 + Math.log10(d.cmdTotal));
        StringBuilder sb = new StringBuilder("[");
        if (!d.stageName.isEmpty()) {
            sb.append(d.stageName).append(' ');
        }
        sb.append(String.format("%" + width + "d/%d] ", d.cmdIndex, d.cmdTotal));
        if (onBuild) {
            sb.append("ONBUILD ");
        }
        return sb.append(text).toString();
    }
}
