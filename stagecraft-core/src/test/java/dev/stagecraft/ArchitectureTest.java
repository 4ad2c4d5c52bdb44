package dev.stagecraft;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency direction of DESIGN.md: data flows one way through the pipeline, so a
 * package never reaches back to a stage before it. {@code dev.stagecraft} (the root exception),
 * {@code text} (Go's quoting and path rules) and {@code reference} are foundations every package
 * may use. {@code io} (whole-file-tree operations) is a foundation too and depends on nothing of
 * ours, not even the root exception.
 */
class ArchitectureTest {
    private static final String P = "dev.stagecraft.";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.stagecraft");
    }

    private static ArchRule mayNotUse(String pkg, String... forbidden) {
        String[] patterns = new String[forbidden.length];
        for (int i = 0; i < forbidden.length; i++) {
            patterns[i] = P + forbidden[i] + "..";
        }
        return noClasses().that().resideInAPackage(P + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(patterns);
    }

    private static final String[] PIPELINE_AFTER_FRONTEND = {
        "graph", "cache", "solver", "worker", "context", "exec", "snapshot", "archive", "content", "image",
        "registry"};

    @Test
    void shellExpansionIsALeaf() {
        mayNotUse("dockerfile.shell", "dockerfile.parser", "dockerfile.instruction", "frontend", "api")
                .check(classes);
    }

    @Test
    void parserKnowsNothingOfInstructionsOrLaterStages() {
        mayNotUse("dockerfile.parser", "dockerfile.instruction", "frontend", "api").check(classes);
    }

    @Test
    void dockerfilePackagesDoNotReachTheFrontendOrTheBuild() {
        mayNotUse("dockerfile", concat(new String[] {"frontend", "api"}, PIPELINE_AFTER_FRONTEND)).check(classes);
    }

    @Test
    void frontendDoesNotReachTheApiOrExecution() {
        mayNotUse("frontend", "api", "solver", "worker", "exec", "snapshot").check(classes);
    }

    @Test
    void graphDoesNotKnowDockerfiles() {
        mayNotUse("graph", "dockerfile", "frontend", "api", "solver", "worker").check(classes);
    }

    @Test
    void referenceIsAFoundation() {
        mayNotUse("reference", concat(new String[] {"dockerfile", "frontend", "api"}, PIPELINE_AFTER_FRONTEND))
                .check(classes);
    }

    @Test
    void contentKnowsNoImageFormatsOrTransports() {
        mayNotUse("content", "archive", "image", "registry", "frontend", "dockerfile", "graph", "api").check(classes);
    }

    @Test
    void layerArchivesKnowNoImagesOrRegistries() {
        mayNotUse("archive", "image", "registry", "frontend", "dockerfile", "graph", "api").check(classes);
    }

    @Test
    void theRegistryClientIsATransportThatKnowsNoImageModel() {
        mayNotUse("registry", "image", "archive", "frontend", "dockerfile", "graph", "api").check(classes);
    }

    @Test
    void imagesDoNotReachTheFrontend() {
        mayNotUse("image", "frontend", "dockerfile", "graph", "api").check(classes);
    }

    @Test
    void textHelpersDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage(P + "text..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "dockerfile..", P + "reference..",
                        P + "frontend..", P + "graph..", P + "image..", P + "api..")
                .check(classes);
    }

    @Test
    void ioHelpersDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage(P + "io..")
                .should().dependOnClassesThat(resideInAPackage("dev.stagecraft..").and(resideOutsideOfPackage(P + "io..")))
                .check(classes);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
