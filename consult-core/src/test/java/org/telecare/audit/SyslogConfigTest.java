package org.telecare.audit;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyslogConfigTest {
    @Test
    void strictSyslogConfigReadingNamesTheBadKey() {
        SyslogConfig c = SyslogConfig.fromJson(new JsonObject().put("transport", "tcp").put("host", "10.0.0.5")
                .put("port", 6514).put("facility", 13).put("queueCapacity", 50));
        assertThat(c.transport()).isEqualTo(SyslogConfig.Transport.TCP);
        assertThat(c.facility()).isEqualTo(13);
        assertThat(c.queueCapacity()).isEqualTo(50);
        assertThatThrownBy(() -> SyslogConfig.fromJson(new JsonObject().put("transport", "udp").put("host", "h")
                .put("port", 514).put("colour", "red"))).hasMessageContaining("colour");
        assertThatThrownBy(() -> SyslogConfig.udp("h", 514).withMaxMessageBytes(100)).hasMessageContaining("maxMessageBytes");
    }
}
