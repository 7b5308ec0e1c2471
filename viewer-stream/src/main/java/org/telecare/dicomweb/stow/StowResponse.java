package org.telecare.dicomweb.stow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * The Store Instances Response Module (PS3.18 §10.5.3, Table 10.5.3-3) in DICOM JSON, and the
 * status that goes with it: 200 when every instance was stored, 202 when some failed, 409 when
 * none was stored.
 */
final class StowResponse {
    private static final String RETRIEVE_URL = "00081190";
    private static final String FAILED_SOP_SEQUENCE = "00081198";
    private static final String REFERENCED_SOP_SEQUENCE = "00081199";
    private static final String REFERENCED_SOP_CLASS_UID = "00081150";
    private static final String REFERENCED_SOP_INSTANCE_UID = "00081155";
    private static final String FAILURE_REASON = "00081197";

    private StowResponse() {
    }

    static int status(List<StowOutcome> outcomes) {
        long stored = outcomes.stream().filter(o -> o instanceof StowOutcome.Stored).count();
        return stored == outcomes.size() ? 200 : stored == 0 ? 409 : 202;
    }

    /**
     * @param base        {@code http://host/api/v1/dicomweb}
     * @param targetStudy the study of {@code POST /studies/{study}}, else the one study every stored instance is of
     */
    static JsonObject body(String base, Optional<String> targetStudy, List<StowOutcome> outcomes) {
        JsonObject out = new JsonObject();
        Optional<String> study = targetStudy.or(() -> {
            List<String> studies = outcomes.stream().filter(o -> o instanceof StowOutcome.Stored)
                    .map(o -> ((StowOutcome.Stored) o).studyUid()).distinct().toList();
            return studies.size() == 1 ? Optional.of(studies.getFirst()) : Optional.empty();
        });
        study.ifPresent(s -> out.put(RETRIEVE_URL, value("UR", base + "/studies/" + s)));
        JsonArray stored = new JsonArray();
        JsonArray failed = new JsonArray();
        for (StowOutcome o : outcomes) {
            JsonObject item = new JsonObject();
            putUid(item, REFERENCED_SOP_CLASS_UID, o.sopClassUid());
            putUid(item, REFERENCED_SOP_INSTANCE_UID, o.sopInstanceUid());
            switch (o) {
                case StowOutcome.Stored s -> {
                    item.put(RETRIEVE_URL, value("UR", base + "/studies/" + s.studyUid() + "/series/" + s.seriesUid()
                            + "/instances/" + s.sopInstanceUid()));
                    stored.add(item);
                }
                case StowOutcome.Failed f -> {
                    item.put(FAILURE_REASON, new JsonObject().put("vr", "US").put("Value", new JsonArray().add(f.reason())));
                    failed.add(item);
                }
            }
        }
        if (!stored.isEmpty()) {
            out.put(REFERENCED_SOP_SEQUENCE, new JsonObject().put("vr", "SQ").put("Value", stored));
        }
        if (!failed.isEmpty()) {
            out.put(FAILED_SOP_SEQUENCE, new JsonObject().put("vr", "SQ").put("Value", failed));
        }
        return out;
    }

    private static void putUid(JsonObject item, String tag, String uid) {
        item.put(tag, uid == null || uid.isEmpty() ? new JsonObject().put("vr", "UI") : value("UI", uid));
    }

    private static JsonObject value(String vr, String v) {
        return new JsonObject().put("vr", vr).put("Value", new JsonArray().add(v));
    }
}
