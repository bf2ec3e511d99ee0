package dev.webrtc4j.interop.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void roundTripsTheDriverMessagesIncludingCrlfSdp() {
    Map<String, Object> desc = new LinkedHashMap<>();
    desc.put("type", "offer");
    desc.put("sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=msid:{a\"b} \\x\r\n");
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("id", 7L);
    req.put("method", "answer");
    req.put("params", Map.of("offer", desc));
    String text = Json.write(req);
    assertThat(text).contains("\\r\\n").doesNotContain("\r");
    assertThat(Json.parse(text)).isEqualTo(req);
  }

  @Test
  void parsesNumbersLiteralsArraysAndEscapes() {
    Object v = Json.parse(" {\"a\":[1,-2,3.5,1e3,true,false,null],\"s\":\"\\u00e9\\/\\t\"} ");
    assertThat(v).isEqualTo(Map.of(
        "a", java.util.Arrays.asList(1L, -2L, 3.5, 1000.0, true, false, null),
        "s", "\u00e9/\t"));
    assertThat(Json.parse("[]")).isEqualTo(List.of());
    assertThat(Json.parse("{}")).isEqualTo(Map.of());
  }

  @Test
  void rejectsMalformedTextNamingTheOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\":}")).hasMessageContaining("offset 5");
    assertThatThrownBy(() -> Json.parse("[1,2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("\"abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("1 2")).hasMessageContaining("trailing");
  }
}
