package org.telecare.archive.qr;

import org.junit.jupiter.api.Test;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.SopClasses;
import org.telecare.storage.blob.BlobId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules behind the Q/R SCP that need no network: hierarchy, response character set, move contexts. */
class QueryRetrieveRulesTest {

    @Test
    void hierarchicalQueriesNeedTheUniqueKeysOfTheLevelsAboveInTheirModel() {
        assertThat(InformationModel.PATIENT_ROOT.upperUniqueKeys(QueryLevel.PATIENT)).isEmpty();
        assertThat(InformationModel.PATIENT_ROOT.upperUniqueKeys(QueryLevel.STUDY)).containsExactly(QueryKey.PatientID);
        assertThat(InformationModel.PATIENT_ROOT.upperUniqueKeys(QueryLevel.IMAGE))
                .containsExactly(QueryKey.PatientID, QueryKey.StudyInstanceUID, QueryKey.SeriesInstanceUID);
        assertThat(InformationModel.STUDY_ROOT.upperUniqueKeys(QueryLevel.STUDY)).isEmpty();
        assertThat(InformationModel.STUDY_ROOT.upperUniqueKeys(QueryLevel.SERIES)).containsExactly(QueryKey.StudyInstanceUID);
        assertThat(InformationModel.of(SopClasses.STUDY_ROOT_QR_GET)).isEqualTo(InformationModel.STUDY_ROOT);
        assertThatThrownBy(() -> InformationModel.STUDY_ROOT.check(QueryLevel.PATIENT))
                .isInstanceOfSatisfying(DimseServiceException.class, e -> assertThat(e.status().code())
                        .isEqualTo(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS.code()));
        assertThat(FindScp.isSingleValue("1.2.3")).isTrue();
        assertThat(FindScp.isSingleValue("1.2.3\\1.2.4")).isFalse();
        assertThat(FindScp.isSingleValue("P*")).isFalse();
        assertThat(FindScp.isSingleValue("")).isFalse();
    }

    @Test
    void theResponseCharacterSetIsTheRequestersWhenItCanCarryTheValuesElseUtf8() {
        Map<QueryKey, String> ascii = Map.of(QueryKey.PatientName, "Doe^John");
        Map<QueryKey, String> chinese = Map.of(QueryKey.PatientName, "Zhang^San=张^三");
        assertThat(ResponseIdentifier.characterSet(List.of(), ascii)).isEmpty();
        assertThat(ResponseIdentifier.characterSet(List.of("ISO_IR 100"), ascii)).containsExactly("ISO_IR 100");
        assertThat(ResponseIdentifier.characterSet(List.of(), chinese)).containsExactly("ISO_IR 192");
        assertThat(ResponseIdentifier.characterSet(List.of("GB18030"), chinese)).containsExactly("GB18030");
        assertThat(ResponseIdentifier.characterSet(List.of("ISO_IR 100"), chinese)).as("Latin-1 cannot carry 张")
                .containsExactly("ISO_IR 192");
        assertThat(ResponseIdentifier.characterSet(List.of("NOT A CHARSET"), chinese)).containsExactly("ISO_IR 192");
    }
}
