package dev.stagecraft.graph;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Runs a process on the root filesystem (input 0) and yields the changed filesystem (RUN).
 *
 * @param args     argv, shell already prepended for the shell form
 * @param env      {@code K=V} entries in order: image env, ENV and ARG values
 * @param cwd      working directory
 * @param user     user[:group], empty for root
 * @param network  default, none or host
 * @param security sandbox or insecure
 * @param platform {@code os/arch[/variant]} the process runs as
 * @param mounts   extra mounts
 * @param proxyEnv proxy variables given as build args: set in the process environment but, as in
 *                 BuildKit, not part of the definition, so changing a proxy never rebuilds
 */
public record ExecOp(List<String> args, List<String> env, String cwd, String user, String network, String security,
        String platform, List<ExecMount> mounts, @JsonIgnore List<String> proxyEnv) implements Op {
    public ExecOp {
        args = List.copyOf(args);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        proxyEnv = List.copyOf(proxyEnv);
    }
}
