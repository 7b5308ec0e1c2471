package org.telecare.pixel;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pixel pipeline is pure computation over the codec: no Vert.x, network, storage or HTTP,
 * so it can run on any worker and be tested alone; the codec never depends on it; rendering
 * depends on decoding's output (Frame), not on its decoders.
 */
class PixelLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.telecare.pixel", "org.telecare.dicom");
        assertThat(classes.contain(org.telecare.pixel.codec.Decoders.class)).isTrue();
        assertThat(classes.contain(org.telecare.pixel.render.Renderer.class)).isTrue();
    }

    @Test
    void thePipelineDependsOnTheJdkTheCodecAndImageIoPluginsOnly() {
        classes().that().resideInAPackage("org.telecare.pixel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.imageio..",
                        "org.telecare.pixel..", "org.telecare.dicom.data..", "org.telecare.dicom.io..")
                .check(classes);
    }

    @Test
    void theCodecDoesNotKnowThePipeline() {
        noClasses().that().resideInAPackage("org.telecare.dicom..")
                .should().dependOnClassesThat().resideInAPackage("org.telecare.pixel..")
                .check(classes);
    }

    @Test
    void renderingDoesNotReachIntoDecoders() {
        noClasses().that().resideInAPackage("org.telecare.pixel.render..")
                .should().dependOnClassesThat().resideInAPackage("org.telecare.pixel.codec..")
                .check(classes);
    }
}
