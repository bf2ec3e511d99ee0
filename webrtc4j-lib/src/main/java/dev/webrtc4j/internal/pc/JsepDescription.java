package dev.webrtc4j.internal.pc;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A session description as JSEP reasons about it: its type, the o= line's session id and version,
 * the BUNDLE groups, and the m-sections in order. {@link #sdp()} is the text it was read from or
 * written to; descriptions are immutable (a value, equal by all six).
 *
 * <p>A description changed by {@link #withMedia} writes its text only when {@link #sdp()} is
 * first asked for: the local description is rewritten for every gathered candidate and for
 * end-of-candidates (3 times per connection on loopback, ~0.05 ms of the loop's CPU each), and
 * with trickled candidates nobody reads those versions. The writer is a pure function of the
 * model, so the text is the same whichever thread writes it first.
 */
public final class JsepDescription {
  private final SdpType type;
  private final long sessionId;
  private final long sessionVersion;
  private final List<List<String>> bundleGroups;
  private final List<MediaSection> media;
  /** Writes the text when it is first needed; null once written (or when it was given). */
  private @Nullable SdpTranslator writer;
  private volatile @Nullable String sdp;

  public JsepDescription(
      SdpType type, long sessionId, long sessionVersion, List<List<String>> bundleGroups, List<MediaSection> media, String sdp) {
    this(type, sessionId, sessionVersion, bundleGroups, media, Objects.requireNonNull(sdp, "sdp"), null);
  }

  private JsepDescription(SdpType type, long sessionId, long sessionVersion, List<List<String>> bundleGroups,
      List<MediaSection> media, @Nullable String sdp, @Nullable SdpTranslator writer) {
    this.type = Objects.requireNonNull(type, "type");
    this.sessionId = sessionId;
    this.sessionVersion = sessionVersion;
    this.bundleGroups = bundleGroups.stream().map(List::copyOf).toList();
    this.media = List.copyOf(media);
    this.sdp = sdp;
    this.writer = writer;
  }

  public SdpType type() {
    return type;
  }

  public long sessionId() {
    return sessionId;
  }

  public long sessionVersion() {
    return sessionVersion;
  }

  public List<List<String>> bundleGroups() {
    return bundleGroups;
  }

  public List<MediaSection> media() {
    return media;
  }

  /** The SDP text (written now if this description was changed and not written yet). */
  public String sdp() {
    String s = sdp;
    if (s != null) {
      return s;
    }
    synchronized (this) {
      s = sdp;
      if (s == null) {
        s = Objects.requireNonNull(writer, "writer").write(this);
        sdp = s;
        writer = null;
      }
      return s;
    }
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

  /** A copy with the m-section at {@code index} replaced; its text is written by {@code sdpWriter} when first read. */
  public JsepDescription withMedia(int index, UnaryOperator<MediaSection> change, SdpTranslator sdpWriter) {
    List<MediaSection> copy = new java.util.ArrayList<>(media);
    copy.set(index, change.apply(copy.get(index)));
    return new JsepDescription(type, sessionId, sessionVersion, bundleGroups, copy, null, Objects.requireNonNull(sdpWriter));
  }

  public JsepDescription withSdp(String text) {
    return new JsepDescription(type, sessionId, sessionVersion, bundleGroups, media, text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsepDescription d && type == d.type && sessionId == d.sessionId && sessionVersion == d.sessionVersion
        && bundleGroups.equals(d.bundleGroups) && media.equals(d.media) && sdp().equals(d.sdp());
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, sessionId, sessionVersion, bundleGroups, media, sdp());
  }

  @Override
  public String toString() {
    return "JsepDescription[type=" + type + ", sessionId=" + sessionId + ", sessionVersion=" + sessionVersion
        + ", bundleGroups=" + bundleGroups + ", media=" + media + ", sdp=" + sdp() + "]";
  }
}
