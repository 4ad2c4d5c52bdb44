package dev.stagecraft.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md: the CLI holds no build logic; of the library it imports only the public api. */
class CliArchitectureTest {
    @Test
    void theCliUsesOnlyThePublicApi() {
        noClasses().that().resideInAPackage("dev.stagecraft.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stagecraft.dockerfile..",
                        "dev.stagecraft.frontend..", "dev.stagecraft.graph..", "dev.stagecraft.image..",
                        "dev.stagecraft.content..", "dev.stagecraft.archive..", "dev.stagecraft.registry..",
                        "dev.stagecraft.reference..", "dev.stagecraft.text..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.stagecraft.cli"));
    }
}
