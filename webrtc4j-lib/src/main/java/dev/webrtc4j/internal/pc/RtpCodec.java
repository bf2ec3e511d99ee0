package dev.webrtc4j.internal.pc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One RTP payload format of an m-section: {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb}
 * (RFC 8866 §6.6, RFC 4585 §4.2).
 *
 * @param fmtp the raw {@code a=fmtp} parameters, "" when there is none
 * @param rtcpFeedback the {@code a=rtcp-fb} values for this payload type ("nack", "nack pli")
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp, List<String> rtcpFeedback) {
  public RtpCodec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fmtp, "fmtp");
    rtcpFeedback = List.copyOf(rtcpFeedback);
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of range: " + payloadType);
    }
  }

  public RtpCodec withPayloadType(int pt) {
    return new RtpCodec(pt, name, clockRate, channels, fmtp, rtcpFeedback);
  }

  public RtpCodec withFmtp(String f) {
    return new RtpCodec(payloadType, name, clockRate, channels, f, rtcpFeedback);
  }

  public RtpCodec withRtcpFeedback(List<String> fb) {
    return new RtpCodec(payloadType, name, clockRate, channels, fmtp, fb);
  }

  /** The fmtp parameters as a map (keys lower-cased); a bare value ("111/111") has key "". */
  public Map<String, String> parameters() {
    Map<String, String> out = new LinkedHashMap<>();
    if (fmtp.isBlank()) {
      return out;
    }
    for (String part : fmtp.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        out.put("", p);
      } else {
        out.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
      }
    }
    return out;
  }

  public @Nullable String parameter(String key) {
    return parameters().get(key.toLowerCase(Locale.ROOT));
  }

  public boolean isRtx() {
    return name.equalsIgnoreCase("rtx");
  }

  /** For rtx: the associated payload type ({@code apt=}), or -1. */
  public int apt() {
    String a = parameter("apt");
    if (a == null) {
      return -1;
    }
    try {
      return Integer.parseInt(a);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The {@code a=rtpmap} encoding ("opus/48000/2", "VP8/90000"). */
  public String rtpmap() {
    return name + "/" + clockRate + (channels > 1 ? "/" + channels : "");
  }
}
