package org.telecare.layering;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency directions of cluster/core, enforced: the SPI knows no backend, the backends
 * know nothing of each other, and nothing here knows the node that assembles it.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.telecare");
        // Rules over an empty import would pass vacuously.
        assertThat(classes.contain(org.telecare.storage.embedded.EmbeddedStorage.class)).isTrue();
        assertThat(classes.contain(org.telecare.storage.cassandra.CassandraStorage.class)).isTrue();
    }

    @Test
    void theStorageSpiKnowsNoBackend() {
        noClasses().that().resideInAnyPackage("org.telecare.storage", "org.telecare.storage.blob", "org.telecare.module")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.telecare.storage.embedded..", "org.telecare.storage.cassandra..", "org.h2..", "com.datastax..")
                .check(classes);
    }

    @Test
    void theBackendsDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.telecare.storage.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("org.telecare.storage.cassandra..", "com.datastax..")
                .check(classes);
        noClasses().that().resideInAPackage("org.telecare.storage.cassandra..")
                .should().dependOnClassesThat().resideInAnyPackage("org.telecare.storage.embedded..", "org.h2..")
                .check(classes);
    }

    @Test
    void coreNeverReachesUpIntoTheNode() {
        noClasses().that().resideInAnyPackage("org.telecare.storage..", "org.telecare.module..", "org.telecare.cassandra..")
                .should().dependOnClassesThat().resideInAPackage("org.telecare.node..")
                .check(classes);
    }

    @Test
    void theDevNodeLauncherIsNotPartOfStorage() {
        noClasses().that().resideInAPackage("org.telecare.storage..")
                .should().dependOnClassesThat().resideInAPackage("org.telecare.cassandra.devnode..")
                .check(classes);
    }
}
