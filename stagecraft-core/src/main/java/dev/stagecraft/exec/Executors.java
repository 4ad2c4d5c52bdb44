package dev.stagecraft.exec;

import dev.stagecraft.exec.chroot.ChrootExecutor;
import dev.stagecraft.exec.oci.OciRuntimeExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Chooses how RUN steps are isolated ({@code --isolation}). */
public final class Executors {
    private Executors() {
    }

    /**
     * The chosen executor and, when {@code auto} fell back to chroot, a one-line warning for the user.
     */
    public record Selection(Executor executor, Optional<String> warning) {
    }

    /**
     * {@code oci}: runc or crun ({@code runtime} when given), an error when none is installed;
     * {@code chroot}: the chroot executor; {@code auto} (or empty): OCI when a runtime is found,
     * else chroot with a warning.
     *
     * @param stateDir where executors keep bundles and runtime state (under the stagecraft root)
     * @throws ExecException for an unknown isolation or {@code oci} without a runtime
     */
    public static Selection select(String isolation, Optional<Path> runtime, Path stateDir) throws IOException {
        return select(isolation, runtime, stateDir, System.getenv("PATH"));
    }

    /** {@link #select(String, Optional, Path)} searching {@code searchPath} in place of {@code PATH}. */
    public static Selection select(String isolation, Optional<Path> runtime, Path stateDir, String searchPath)
            throws IOException {
        String mode = isolation == null || isolation.isEmpty() ? "auto" : isolation;
        switch (mode) {
            case "oci" -> {
                Path found = OciRuntimeExecutor.find(runtime, searchPath).orElseThrow(() -> new ExecException(
                        "--isolation oci needs runc or crun on PATH (or --runtime); neither was found"));
                return new Selection(new OciRuntimeExecutor(found, stateDir.resolve("oci")), Optional.empty());
            }
            case "chroot" -> {
                return new Selection(new ChrootExecutor(stateDir.resolve("chroot")), Optional.empty());
            }
            case "auto" -> {
                Optional<Path> found = OciRuntimeExecutor.find(runtime, searchPath);
                if (found.isPresent()) {
                    return new Selection(new OciRuntimeExecutor(found.get(), stateDir.resolve("oci")),
                            Optional.empty());
                }
                return new Selection(new ChrootExecutor(stateDir.resolve("chroot")), Optional.of(
                        "WARNING: no OCI runtime (runc or crun) found; RUN steps use chroot isolation, which"
                                + " does not drop into cgroups or apply seccomp"));
            }
            default -> throw new ExecException("unknown isolation \"" + isolation
                    + "\": expected auto, oci or chroot");
        }
    }
}
