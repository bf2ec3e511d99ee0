package dev.webrtc4j.sdp;

import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8866#section-6.6">RFC 8866 §6.6</a>:
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}, e.g.
 * {@code 111 opus/48000/2}.
 *
 * @param payloadType 0 to 127
 * @param encodingName as written, e.g. {@code VP8} (compare without case)
 * @param clockRate positive
 * @param encodingParameters the channel count for audio, or empty
 */
public record Rtpmap(int payloadType, String encodingName, long clockRate, OptionalInt encodingParameters)
    implements TypedAttribute {
  public Rtpmap {
    Tokens.check(payloadType >= 0 && payloadType <= 127, "payload type is out of range [0, 127]: " + payloadType);
    Objects.requireNonNull(encodingName, "encodingName");
    Tokens.check(!encodingName.isEmpty() && encodingName.indexOf('/') < 0 && Tokens.isVisible(encodingName),
        "encoding name is not valid: \"" + encodingName + "\"");
    Tokens.check(clockRate > 0 && clockRate <= 0xFFFF_FFFFL, "clock rate is out of range: " + clockRate);
    Objects.requireNonNull(encodingParameters, "encodingParameters");
    encodingParameters.ifPresent(c -> Tokens.check(c > 0, "encoding parameters are not positive: " + c));
  }

  public static Rtpmap of(int payloadType, String encodingName, long clockRate) {
    return new Rtpmap(payloadType, encodingName, clockRate, OptionalInt.empty());
  }

  public static Rtpmap of(int payloadType, String encodingName, long clockRate, int channels) {
    return new Rtpmap(payloadType, encodingName, clockRate, OptionalInt.of(channels));
  }

  public static Rtpmap parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "rtpmap"));
    Tokens.check(f.size() == 2, "rtpmap needs a payload type and an encoding");
    int pt = Tokens.intNumber(f.get(0), 0, 127, "payload type");
    String[] enc = f.get(1).split("/", -1);
    Tokens.check(enc.length == 2 || enc.length == 3, "encoding is not <name>/<clock rate>[/<parameters>]: \"" + f.get(1) + "\"");
    long rate = Tokens.number(enc[1], 1, 0xFFFF_FFFFL, "clock rate");
    OptionalInt params = enc.length == 3
        ? OptionalInt.of(Tokens.intNumber(enc[2], 1, Integer.MAX_VALUE, "encoding parameters"))
        : OptionalInt.empty();
    return new Rtpmap(pt, enc[0], rate, params);
  }

  @Override
  public String attributeName() {
    return "rtpmap";
  }

  @Override
  public String value() {
    String base = payloadType + " " + encodingName + "/" + clockRate;
    return encodingParameters.isPresent() ? base + "/" + encodingParameters.getAsInt() : base;
  }
}
