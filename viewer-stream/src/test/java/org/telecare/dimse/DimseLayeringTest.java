package org.telecare.dimse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The one-way layering described in {@code org.telecare.dimse}'s package-info. */
class DimseLayeringTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.telecare.dimse", "org.telecare.dicom");

    @Test
    void pduLayerIsPureJava() {
        noClasses().that().resideInAPackage("org.telecare.dimse.pdu..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..",
                        "org.telecare.dimse.association..", "org.telecare.dimse.message..",
                        "org.telecare.dimse.service..", "org.telecare.dimse.scu..")
                .check(CLASSES);
    }

    @Test
    void associationLayerKnowsNoMessages() {
        noClasses().that().resideInAPackage("org.telecare.dimse.association..")
                .should().dependOnClassesThat().resideInAnyPackage("org.telecare.dimse.message..",
                        "org.telecare.dimse.service..", "org.telecare.dimse.scu..")
                .check(CLASSES);
    }

    @Test
    void messageLayerKnowsNoServices() {
        noClasses().that().resideInAPackage("org.telecare.dimse.message..")
                .should().dependOnClassesThat().resideInAnyPackage("org.telecare.dimse.service..", "org.telecare.dimse.scu..")
                .check(CLASSES);
    }

    @Test
    void servicesDoNotDependOnTheScu() {
        noClasses().that().resideInAPackage("org.telecare.dimse.service..")
                .should().dependOnClassesThat().resideInAPackage("org.telecare.dimse.scu..")
                .check(CLASSES);
    }

    @Test
    void theCodecNeverDependsOnTheNetwork() {
        noClasses().that().resideInAPackage("org.telecare.dicom..")
                .should().dependOnClassesThat().resideInAPackage("org.telecare.dimse..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
