package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8830#section-2">RFC 8830 §2</a>:
 * {@code a=msid:<stream id> [<track id>]}; Chrome writes {@code -} as the stream id of a track
 * without stream.
 *
 * @param streamId 1 to 64 token chars
 * @param trackId the "appdata", or null
 */
public record Msid(String streamId, @Nullable String trackId) implements TypedAttribute {
  public Msid {
    Tokens.requireToken(Objects.requireNonNull(streamId, "streamId"), "msid stream id");
    Tokens.check(streamId.length() <= 64, "msid stream id is longer than 64 characters");
    if (trackId != null) {
      Tokens.requireToken(trackId, "msid track id");
      Tokens.check(trackId.length() <= 64, "msid track id is longer than 64 characters");
    }
  }

  public static Msid parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "msid"));
    Tokens.check(f.size() <= 2, "msid has more than two fields");
    return new Msid(f.get(0), f.size() == 2 ? f.get(1) : null);
  }

  @Override
  public String attributeName() {
    return "msid";
  }

  @Override
  public String value() {
    return trackId == null ? streamId : streamId + " " + trackId;
  }
}
