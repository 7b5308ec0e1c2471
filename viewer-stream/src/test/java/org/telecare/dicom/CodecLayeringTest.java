package org.telecare.dicom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The codec is plain Java: it knows no network, Vert.x or Netty, and the data model does not
 * know its encodings. The DIMSE layer depends on the codec, never the reverse.
 */
class CodecLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.telecare.dicom");
        assertThat(classes.contain(org.telecare.dicom.io.DicomReader.class)).isTrue();
        assertThat(classes.contain(org.telecare.dicom.data.Attributes.class)).isTrue();
    }

    @Test
    void theCodecDependsOnlyOnTheJdkAndItself() {
        classes().that().resideInAnyPackage("org.telecare.dicom.data..", "org.telecare.dicom.io..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "org.telecare.dicom.data..", "org.telecare.dicom.io..")
                .check(classes);
    }

    @Test
    void theDataModelDoesNotKnowItsEncodings() {
        noClasses().that().resideInAPackage("org.telecare.dicom.data..")
                .should().dependOnClassesThat().resideInAPackage("org.telecare.dicom.io..")
                .check(classes);
    }
}
