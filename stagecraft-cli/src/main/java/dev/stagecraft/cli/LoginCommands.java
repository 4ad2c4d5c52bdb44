package dev.stagecraft.cli;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.RegistryLogin;
import dev.stagecraft.api.RegistrySettings;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code login} and {@code logout}, writing docker's client config file as {@code docker login} does. */
final class LoginCommands {
    private LoginCommands() {
    }

    /** {@code --config}, docker's option for where the client config file is. */
    static final class ConfigOption {
        @Option(names = "--config", paramLabel = "DIR",
                description = "Where the client config file (config.json) is. Default: $DOCKER_CONFIG, else ~/.docker.")
        Path dir;

        RegistryLogin login(RegistrySettings settings) {
            Map<String, String> env = new HashMap<>(System.getenv());
            if (dir != null) {
                env.put("DOCKER_CONFIG", dir.toString());
            }
            return RegistryLogin.fromEnvironment(env, settings);
        }
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = {"Logs in to a registry, as docker login does.",
                "Checks the credentials against the registry's /v2/ endpoint, then stores them in the docker config",
                "file (or its credsStore / credHelpers helper). REGISTRY defaults to Docker Hub."})
    static final class Login implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Mixin
        ImageCommands.RegistryOption registry;
        @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "The user name.")
        String username;
        @Option(names = {"-p", "--password"}, paramLabel = "PASS", description = "The password (prefer --password-stdin).")
        String password;
        @Option(names = "--password-stdin", description = "Read the password from stdin.")
        boolean passwordStdin;
        @Parameters(index = "0", arity = "0..1", paramLabel = "REGISTRY", description = "host[:port]; default docker.io.")
        String server;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            if (password != null && passwordStdin) {
                throw new StagecraftException("--password and --password-stdin are mutually exclusive");
            }
            String user = username;
            String pass = password;
            if (passwordStdin) {
                if (user == null || user.isEmpty()) {
                    throw new StagecraftException("Must provide --username with --password-stdin");
                }
                pass = new String(Stdio.in.get().readAllBytes(), StandardCharsets.UTF_8);
                pass = pass.replaceAll("[\r\n]+$", "");
            } else if (pass != null) {
                err.println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
                err.flush();
            }
            Console console = System.console();
            if (user == null || pass == null) {
                if (console == null) {
                    throw new StagecraftException("Cannot perform an interactive login from a non TTY device");
                }
                if (user == null) {
                    user = console.readLine("Username: ");
                }
                if (pass == null) {
                    char[] typed = console.readPassword("Password: ");
                    pass = typed == null ? "" : new String(typed);
                }
            }
            config.login(registry.settings()).login(server, user, pass);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Login Succeeded");
            out.flush();
            return 0;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = {"Logs out of a registry, as docker logout does.",
                "Removes its credentials from the docker config file (and its helper). REGISTRY defaults to Docker Hub."})
    static final class Logout implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(index = "0", arity = "0..1", paramLabel = "REGISTRY", description = "host[:port]; default docker.io.")
        String server;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String address = RegistryLogin.serverAddress(server);
            if (config.login(RegistrySettings.defaults()).logout(server)) {
                out.println("Removing login credentials for " + address);
            } else {
                out.println("Not logged in to " + address);
            }
            out.flush();
            return 0;
        }
    }
}
