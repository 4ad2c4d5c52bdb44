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
     * The instruction text with the variables that are set expanded (quotes kept, unset ones left
     * as written) and the keyword upper-cased.
     */
    static String display(ShellLex lex, String original, ShellEnv env) {
        String text;
        try {
            text = lex.withRawQuotes(true).withSkipUnsetEnv(true).processWord(original, env);
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
