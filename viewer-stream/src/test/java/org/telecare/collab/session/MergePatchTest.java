package org.telecare.collab.session;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7396 Appendix A, every example, plus what the viewing state relies on. */
class MergePatchTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":\"b\"}|{\"a\":\"c\"}|{\"a\":\"c\"}",
            "{\"a\":\"b\"}|{\"b\":\"c\"}|{\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":\"b\"}|{\"a\":null}|{}",
            "{\"a\":\"b\",\"b\":\"c\"}|{\"a\":null}|{\"b\":\"c\"}",
            "{\"a\":[\"b\"]}|{\"a\":\"c\"}|{\"a\":\"c\"}",
            "{\"a\":\"c\"}|{\"a\":[\"b\"]}|{\"a\":[\"b\"]}",
            "{\"a\":{\"b\":\"c\"}}|{\"a\":{\"b\":\"d\",\"c\":null}}|{\"a\":{\"b\":\"d\"}}",
            "{\"a\":[{\"b\":\"c\"}]}|{\"a\":[1]}|{\"a\":[1]}",
            "{\"e\":null}|{\"a\":1}|{\"e\":null,\"a\":1}",
            "{\"a\":\"foo\"}|{\"a\":{\"bb\":{\"ccc\":null}}}|{\"a\":{\"bb\":{}}}",
            "{}|{\"a\":{\"bb\":{\"ccc\":null}}}|{\"a\":{\"bb\":{}}}",
    })
    void theRfcExamples(String target, String patch, String result) {
        assertThat(MergePatch.apply(new JsonObject(target), new JsonObject(patch))).isEqualTo(new JsonObject(result));
    }

    @Test
    void neitherArgumentChanges() {
        JsonObject target = new JsonObject("{\"viewports\":{\"0\":{\"slice\":3,\"voi\":{\"center\":40,\"width\":400}}}}");
        JsonObject patch = new JsonObject("{\"viewports\":{\"0\":{\"voi\":{\"width\":80}}}}");
        JsonObject before = target.copy();
        JsonObject patchBefore = patch.copy();
        JsonObject out = MergePatch.apply(target, patch);
        assertThat(out.getJsonObject("viewports").getJsonObject("0").encode())
                .isEqualTo("{\"slice\":3,\"voi\":{\"center\":40,\"width\":80}}");
        assertThat(target).isEqualTo(before);
        assertThat(patch).isEqualTo(patchBefore);
        out.getJsonObject("viewports").getJsonObject("0").put("slice", 9);
        assertThat(target).isEqualTo(before);
    }

    @Test
    void depthCountsNesting() {
        assertThat(MergePatch.depth(new JsonObject())).isEqualTo(1);
        assertThat(MergePatch.depth(new JsonObject("{\"a\":1}"))).isEqualTo(1);
        assertThat(MergePatch.depth(new JsonObject("{\"a\":{\"b\":[{\"c\":1}]}}"))).isEqualTo(4);
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertThat(MergePatch.depth(new JsonObject(deep))).isGreaterThan(MergePatch.MAX_DEPTH);
    }
}
