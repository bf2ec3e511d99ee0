package dev.webrtc4j.internal.pc;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A session description as JSEP reasons about it: its type, the o= line's session id and version,
 * the BUNDLE groups, and the m-sections in order. {@link #sdp()} is the text it was read from or
 * written to; descriptions are immutable.
 */
public record JsepDescription(
    SdpType type, long sessionId, long sessionVersion, List<List<String>> bundleGroups, List<MediaSection> media, String sdp) {
  public JsepDescription {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sdp, "sdp");
    bundleGroups = bundleGroups.stream().map(List::copyOf).toList();
    media = List.copyOf(media);
  }

  public @Nullable MediaSection byMid(String mid) {
    for (MediaSection m : media) {
      if (mid.equals(m.mid())) {
        return m;
      }
    }
    return null;
  }

  public int indexOfMid(String mid) {
    for (int i = 0; i < media.size(); i++) {
      if (mid.equals(media.get(i).mid())) {
        return i;
      }
    }
    return -1;
  }

  /** The first BUNDLE group's mids, or empty. */
  public List<String> bundle() {
    return bundleGroups.isEmpty() ? List.of() : bundleGroups.get(0);
  }

  /** A copy with the m-section at {@code index} replaced, and new text. */
  public JsepDescription withMedia(int index, UnaryOperator<MediaSection> change, SdpTranslator sdpWriter) {
    List<MediaSection> copy = new java.util.ArrayList<>(media);
    copy.set(index, change.apply(copy.get(index)));
    JsepDescription d = new JsepDescription(type, sessionId, sessionVersion, bundleGroups, copy, "");
    return d.withSdp(sdpWriter.write(d));
  }

  public JsepDescription withSdp(String text) {
    return new JsepDescription(type, sessionId, sessionVersion, bundleGroups, media, text);
  }
}
