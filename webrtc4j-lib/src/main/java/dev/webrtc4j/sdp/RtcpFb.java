package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc4585#section-4.2">RFC 4585 §4.2</a>:
 * {@code a=rtcp-fb:<payload type>|* <type> [<parameters>]}, e.g. {@code 96 nack pli},
 * {@code 96 goog-remb}, {@code * transport-cc}.
 *
 * @param payloadType a payload type 0 to 127, or {@code *} for all
 * @param feedbackType e.g. {@code nack}, {@code ccm}, {@code transport-cc}
 * @param parameters the rest after the type (e.g. {@code pli}, {@code fir}), or null
 */
public record RtcpFb(String payloadType, String feedbackType, @Nullable String parameters) implements TypedAttribute {
  public RtcpFb {
    Objects.requireNonNull(payloadType, "payloadType");
    if (!payloadType.equals("*")) Tokens.intNumber(payloadType, 0, 127, "payload type");
    Tokens.requireToken(Objects.requireNonNull(feedbackType, "feedbackType"), "feedback type");
    if (parameters != null) {
      Tokens.check(!parameters.isBlank() && parameters.strip().equals(parameters), "feedback parameters are blank or padded");
      Tokens.check(parameters.indexOf('\r') < 0 && parameters.indexOf('\n') < 0, "feedback parameters contain a line break");
    }
  }

  public static RtcpFb of(int payloadType, String feedbackType) {
    return new RtcpFb(Integer.toString(payloadType), feedbackType, null);
  }

  public static RtcpFb of(int payloadType, String feedbackType, String parameters) {
    return new RtcpFb(Integer.toString(payloadType), feedbackType, parameters);
  }

  /** From a payload type and the feedback text after it, e.g. {@code 96} and {@code nack pli}. */
  public static RtcpFb ofFeedback(int payloadType, String feedback) {
    return parse(payloadType + " " + feedback.strip());
  }

  public static RtcpFb parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "rtcp-fb");
    var f = Tokens.fields(v);
    Tokens.check(f.size() >= 2, "rtcp-fb needs a payload type and a feedback type");
    String params = f.size() == 2 ? null : v.substring(f.get(0).length() + f.get(1).length() + 2);
    return new RtcpFb(f.get(0), f.get(1), params);
  }

  /** Whether this applies to every payload type ({@code *}). */
  public boolean isWildcard() {
    return payloadType.equals("*");
  }

  /** The feedback after the payload type: {@code nack pli}, {@code transport-cc}. */
  public String feedback() {
    return parameters == null ? feedbackType : feedbackType + " " + parameters;
  }

  @Override
  public String attributeName() {
    return "rtcp-fb";
  }

  @Override
  public String value() {
    return payloadType + " " + feedback();
  }
}
