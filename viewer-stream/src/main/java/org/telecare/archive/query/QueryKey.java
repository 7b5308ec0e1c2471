package org.telecare.archive.query;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The attributes the archive indexes and matches on, by level, after the C-FIND key tables of
 * the Patient Root and Study Root information models (PS3.4 §C.6.1.1 and §C.6.2.1) and the
 * QIDO-RS matching attributes (PS3.18 §10.6, Table 10.6.1-5). Constants carry the DICOM keyword
 * as their name (PS3.6 §6).
 *
 * <p>The level is the attribute's home in the hierarchy: patient attributes are also matched and
 * returned at study level and below (Study Root), study attributes at series and image level
 * (relational / QIDO {@code /series}).
 *
 * <p>{@link #isComputed() Computed} keys are not sent by modalities: the index derives them from
 * the rows below (PS3.4 §C.6.1.1.3, §C.6.1.1.4: "Number of Study Related Series" and so on).
 * {@link #InstitutionName} and {@link #SourceApplicationEntityTitle} are kept per study for data
 * policies (the hospital and the source system that sent the study).
 */
public enum QueryKey {
    // Patient level, PS3.4 Table C.6-1
    PatientName(0x00100010, Vr.PN, QueryLevel.PATIENT),
    PatientID(0x00100020, Vr.LO, QueryLevel.PATIENT),
    IssuerOfPatientID(0x00100021, Vr.LO, QueryLevel.PATIENT),
    PatientBirthDate(0x00100030, Vr.DA, QueryLevel.PATIENT),
    PatientSex(0x00100040, Vr.CS, QueryLevel.PATIENT),
    NumberOfPatientRelatedStudies(0x00201200, Vr.IS, QueryLevel.PATIENT, true),

    // Study level, PS3.4 Table C.6-2 / C.6-5, PS3.18 Table 10.6.1-5
    StudyInstanceUID(0x0020000D, Vr.UI, QueryLevel.STUDY),
    StudyDate(0x00080020, Vr.DA, QueryLevel.STUDY),
    StudyTime(0x00080030, Vr.TM, QueryLevel.STUDY),
    AccessionNumber(0x00080050, Vr.SH, QueryLevel.STUDY),
    StudyID(0x00200010, Vr.SH, QueryLevel.STUDY),
    StudyDescription(0x00081030, Vr.LO, QueryLevel.STUDY),
    ReferringPhysicianName(0x00080090, Vr.PN, QueryLevel.STUDY),
    InstitutionName(0x00080080, Vr.LO, QueryLevel.STUDY),
    /** The calling AE title of the association that sent the objects (PS3.10 §7.1 meta element). */
    SourceApplicationEntityTitle(0x00020016, Vr.AE, QueryLevel.STUDY),
    ModalitiesInStudy(0x00080061, Vr.CS, QueryLevel.STUDY, true),
    NumberOfStudyRelatedSeries(0x00201206, Vr.IS, QueryLevel.STUDY, true),
    NumberOfStudyRelatedInstances(0x00201208, Vr.IS, QueryLevel.STUDY, true),

    // Series level, PS3.4 Table C.6-3, PS3.18 Table 10.6.1-5
    SeriesInstanceUID(0x0020000E, Vr.UI, QueryLevel.SERIES),
    Modality(0x00080060, Vr.CS, QueryLevel.SERIES),
    SeriesNumber(0x00200011, Vr.IS, QueryLevel.SERIES),
    SeriesDescription(0x0008103E, Vr.LO, QueryLevel.SERIES),
    BodyPartExamined(0x00180015, Vr.CS, QueryLevel.SERIES),
    PerformedProcedureStepStartDate(0x00400244, Vr.DA, QueryLevel.SERIES),
    PerformedProcedureStepStartTime(0x00400245, Vr.TM, QueryLevel.SERIES),
    NumberOfSeriesRelatedInstances(0x00201209, Vr.IS, QueryLevel.SERIES, true),

    // Composite object instance level, PS3.4 Table C.6-4, PS3.18 Table 10.6.1-5
    SOPInstanceUID(0x00080018, Vr.UI, QueryLevel.IMAGE),
    SOPClassUID(0x00080016, Vr.UI, QueryLevel.IMAGE),
    InstanceNumber(0x00200013, Vr.IS, QueryLevel.IMAGE),
    Rows(0x00280010, Vr.US, QueryLevel.IMAGE),
    Columns(0x00280011, Vr.US, QueryLevel.IMAGE),
    NumberOfFrames(0x00280008, Vr.IS, QueryLevel.IMAGE);

    private static final Map<Integer, QueryKey> BY_TAG = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(QueryKey::tag, Function.identity()));
    private static final Map<String, QueryKey> BY_KEYWORD = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(QueryKey::name, Function.identity()));

    private final int tag;
    private final Vr vr;
    private final QueryLevel level;
    private final boolean computed;

    QueryKey(int tag, Vr vr, QueryLevel level) {
        this(tag, vr, level, false);
    }

    QueryKey(int tag, Vr vr, QueryLevel level, boolean computed) {
        this.tag = tag;
        this.vr = vr;
        this.level = level;
        this.computed = computed;
    }

    public int tag() {
        return tag;
    }

    /** The PS3.6 keyword, e.g. {@code PatientName}. */
    public String keyword() {
        return name();
    }

    public Vr vr() {
        return vr;
    }

    public QueryLevel level() {
        return level;
    }

    /** Derived by the index from lower levels, never taken from an instance. */
    public boolean isComputed() {
        return computed;
    }

    /** The tag as QIDO-RS accepts it in place of a keyword: eight upper-case hex digits. */
    public String tagHex() {
        return String.format(Locale.ROOT, "%08X", tag);
    }

    public static Optional<QueryKey> byTag(int tag) {
        return Optional.ofNullable(BY_TAG.get(tag));
    }

    /**
     * A key by keyword or by eight hex digits (the two forms of a QIDO-RS {@code attributeID},
     * PS3.18 §8.3.4.1).
     */
    public static Optional<QueryKey> byName(String keywordOrTag) {
        QueryKey k = BY_KEYWORD.get(keywordOrTag);
        if (k == null && keywordOrTag.length() == 8 && keywordOrTag.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            k = BY_TAG.get(Integer.parseUnsignedInt(keywordOrTag, 16));
        }
        return Optional.ofNullable(k);
    }

    /** The unique key of a level (PS3.4 §C.6.1.1.1): the one attribute that identifies an entity. */
    public static QueryKey uniqueKey(QueryLevel level) {
        return switch (level) {
            case PATIENT -> PatientID;
            case STUDY -> StudyInstanceUID;
            case SERIES -> SeriesInstanceUID;
            case IMAGE -> SOPInstanceUID;
        };
    }

    /** Keys whose home is exactly {@code level}. */
    public static Set<QueryKey> of(QueryLevel level) {
        EnumSet<QueryKey> keys = EnumSet.noneOf(QueryKey.class);
        for (QueryKey k : values()) {
            if (k.level == level) {
                keys.add(k);
            }
        }
        return keys;
    }

    /**
     * The attributes returned by default at a level: every key of the level itself plus the keys
     * of the levels above it that QIDO-RS returns by default (PS3.18 Table 6.7.1-2: patient and
     * study attributes with studies; study and series attributes with series; and so on).
     */
    public static Set<QueryKey> defaultsFor(QueryLevel level) {
        EnumSet<QueryKey> keys = EnumSet.noneOf(QueryKey.class);
        for (QueryKey k : values()) {
            boolean include = switch (level) {
                case PATIENT -> k.level == QueryLevel.PATIENT;
                case STUDY -> k.level.isAtOrAbove(QueryLevel.STUDY) && k != NumberOfPatientRelatedStudies;
                case SERIES -> k.level == QueryLevel.SERIES || k == StudyInstanceUID;
                case IMAGE -> k.level == QueryLevel.IMAGE || k == StudyInstanceUID || k == SeriesInstanceUID;
            };
            if (include) {
                keys.add(k);
            }
        }
        return keys;
    }
}
