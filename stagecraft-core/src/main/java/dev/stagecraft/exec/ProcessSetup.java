package dev.stagecraft.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What both executors derive from a request before they start anything: the resolved user, the
 * final environment and the working directory (created when missing).
 *
 * @param user the uid, gid, supplementary gids and home the process runs with
 * @param env  the request's env plus {@code PATH} (BuildKit's default) and {@code HOME} (what
 *             runc and crun set from the passwd entry) when the request has none
 * @param cwd  the absolute working directory, {@code /} when the request gives none
 */
public record ProcessSetup(Users.ExecUser user, List<String> env, String cwd) {
    /** BuildKit's PATH for steps that set none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ProcessSetup {
        env = List.copyOf(env);
    }

    /**
     * Resolves the user in the rootfs and creates a missing working directory: mode 0755, owned by
     * root as BuildKit's executor creates it (a WORKDIR owned by the USER is the build engine's
     * own mkdir before the step).
     *
     * @throws ExecException when the user or group cannot be resolved, the cwd is not absolute, or
     *                       the command is not an executable file of the rootfs
     */
    public static ProcessSetup prepare(ExecRequest request) throws IOException {
        if (request.args().isEmpty()) {
            throw new ExecException("no command to run in " + request.rootfs());
        }
        Users.ExecUser user = Users.read(request.rootfs()).resolve(request.user());
        String cwd = request.cwd() == null || request.cwd().isEmpty() ? "/" : request.cwd();
        if (!cwd.startsWith("/")) {
            throw new ExecException("working directory " + cwd + " is not absolute");
        }
        RootfsPaths.mkdirs(request.rootfs(), cwd, 0, 0);
        List<String> env = new ArrayList<>(request.env());
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add("PATH=" + DEFAULT_PATH);
        }
        if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
            env.add("HOME=" + user.home());
        }
        for (MountSpec m : request.mounts()) {
            if (m.type().equals("bind") && (m.source() == null || !Files.exists(m.source()))) {
                throw new ExecException("bind mount source " + m.source() + " for " + m.destination()
                        + " does not exist");
            }
            if (!m.destination().startsWith("/")) {
                throw new ExecException("mount destination " + m.destination() + " is not absolute");
            }
        }
        checkExecutable(request.rootfs(), request.args().get(0), env, cwd);
        return new ProcessSetup(user, env, cwd);
    }

    // runc and crun report a missing executable as their own failure (exit 1), a chroot as 127:
    // looking it up first gives one error, in runc's words, whatever runs the step.
    private static void checkExecutable(Path rootfs, String command, List<String> env, String cwd)
            throws IOException {
        if (command.contains("/")) {
            String path = command.startsWith("/") ? command : cwd + "/" + command;
            if (!isExecutableFile(RootfsPaths.resolve(rootfs, path))) {
                throw new ExecException("exec: \"" + command + "\": stat " + command + ": no such file or directory"
                        + " (in " + rootfs + ")");
            }
            return;
        }
        String searchPath = env.stream().filter(e -> e.startsWith("PATH=")).reduce((a, b) -> b).orElseThrow()
                .substring(5);
        for (String dir : searchPath.split(":", -1)) {
            String base = dir.isEmpty() ? cwd : dir.startsWith("/") ? dir : cwd + "/" + dir;
            if (isExecutableFile(RootfsPaths.resolve(rootfs, base + "/" + command))) {
                return;
            }
        }
        throw new ExecException("exec: \"" + command + "\": executable file not found in $PATH (in " + rootfs + ")");
    }

    private static boolean isExecutableFile(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
