package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8866#section-6.15">RFC 8866 §6.15</a>:
 * {@code a=fmtp:<format> <format specific parameters>}. The parameters are split at {@code ;}
 * into {@code name=value} pairs kept in order; a part without {@code =} (such as RED's
 * {@code 111/111} or telephone-event's {@code 0-15}) is a parameter without value.
 *
 * @param payloadType the format, 0 to 127
 * @param parameters in order
 */
public record Fmtp(int payloadType, List<Parameter> parameters) implements TypedAttribute {
  public Fmtp {
    Tokens.check(payloadType >= 0 && payloadType <= 127, "payload type is out of range [0, 127]: " + payloadType);
    parameters = Tokens.copy(parameters, "parameters");
    for (Parameter p : parameters) {
      Tokens.check(p.name().indexOf(';') < 0 && (p.value() == null || p.value().indexOf(';') < 0),
          "fmtp parameter contains ';': " + p.format());
    }
  }

  public static Fmtp of(int payloadType, Parameter... parameters) {
    return new Fmtp(payloadType, List.of(parameters));
  }

  /**
   * An fmtp from a payload type and the parameter text after it, e.g. {@code 111} and
   * {@code minptime=10;useinbandfec=1}.
   */
  public static Fmtp of(int payloadType, String parameterText) {
    return parse(parameterText.isBlank() ? Integer.toString(payloadType) : payloadType + " " + parameterText.strip());
  }

  public static Fmtp parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "fmtp");
    int sp = v.indexOf(' ');
    String format = sp < 0 ? v : v.substring(0, sp);
    int pt = Tokens.intNumber(format, 0, 127, "payload type");
    List<Parameter> ps = new ArrayList<>();
    if (sp >= 0) {
      for (String part : v.substring(sp + 1).split(";")) {
        String p = part.strip();
        if (!p.isEmpty()) ps.add(Parameter.parseAssignment(p));
      }
    }
    return new Fmtp(pt, ps);
  }

  /** The value of the first parameter with this name (compared without case, as most codecs do). */
  public Optional<String> parameter(String name) {
    for (Parameter p : parameters) {
      if (p.name().equalsIgnoreCase(name)) return Optional.ofNullable(p.value());
    }
    return Optional.empty();
  }

  /** The parameters as text, after the payload type: {@code minptime=10;useinbandfec=1}. */
  public String parameterText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) sb.append(';');
      sb.append(parameters.get(i).format());
    }
    return sb.toString();
  }

  @Override
  public String attributeName() {
    return "fmtp";
  }

  @Override
  public String value() {
    return parameters.isEmpty() ? Integer.toString(payloadType) : payloadType + " " + parameterText();
  }
}
