package dev.webrtc4j;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The W3C {@code RTCDataChannelInit} dictionary: the options of {@code createDataChannel}.
 *
 * <p>The canonical constructor checks the WebIDL types (the {@code unsigned short} ranges);
 * {@link #validate(String)} runs the TypeError checks of the W3C {@code createDataChannel} steps.
 *
 * @param ordered whether messages arrive in order; default true
 * @param maxPacketLifeTime partial reliability: how long, in ms, a message may be retransmitted,
 *     0..65535; default absent (reliable)
 * @param maxRetransmits partial reliability: how often a message may be retransmitted, 0..65535;
 *     default absent (reliable)
 * @param protocol the sub-protocol name; default {@code ""}
 * @param negotiated whether the application negotiates the channel out of band (no DCEP); default
 *     false
 * @param id the SCTP stream id, used only when {@code negotiated}, 0..65534; default absent
 * @param priority the channel's priority (RFC 8831 §6.4); default {@link RTCPriorityType#LOW}
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcdatachannelinit">W3C §6.2 RTCDataChannelInit</a>
 */
public record RTCDataChannelInit(
    boolean ordered,
    OptionalInt maxPacketLifeTime,
    OptionalInt maxRetransmits,
    String protocol,
    boolean negotiated,
    OptionalInt id,
    RTCPriorityType priority) {

  /** Every member at its default: an ordered, reliable, in-band negotiated channel. */
  public static final RTCDataChannelInit DEFAULT = builder().build();

  /** RFC 8832 §5.1: label and protocol lengths are 16-bit fields. */
  public static final int MAX_LABEL_BYTES = 65535;

  /** The largest usable stream id: 65535 is reserved (RFC 8831 §6.6). */
  public static final int MAX_ID = 65534;

  public RTCDataChannelInit {
    Objects.requireNonNull(maxPacketLifeTime, "maxPacketLifeTime");
    Objects.requireNonNull(maxRetransmits, "maxRetransmits");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(priority, "priority");
    checkUnsignedShort("maxPacketLifeTime", maxPacketLifeTime);
    checkUnsignedShort("maxRetransmits", maxRetransmits);
    // [EnforceRange] unsigned short id
    checkUnsignedShort("id", id);
    protocol = toUsvString(protocol);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder().ordered(ordered).protocol(protocol).negotiated(negotiated).priority(priority);
    b.maxPacketLifeTime = maxPacketLifeTime;
    b.maxRetransmits = maxRetransmits;
    b.id = id;
    return b;
  }

  /**
   * The TypeError checks of the W3C {@code createDataChannel} steps for a channel labelled {@code
   * label}. ({@code InvalidStateError} for a closed connection and {@code OperationError} for an id
   * in use are the connection's to check.)
   *
   * @throws IllegalArgumentException (TypeError) if the label or protocol is longer than 65535
   *     UTF-8 bytes, if both {@code maxPacketLifeTime} and {@code maxRetransmits} are set, if
   *     {@code negotiated} is true without an {@code id}, or if a negotiated {@code id} is 65535
   */
  public void validate(String label) {
    Objects.requireNonNull(label, "label");
    // "If [[DataChannelLabel]] is longer than 65535 bytes, throw a TypeError."
    if (toUsvString(label).getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
      throw new IllegalArgumentException("label: longer than " + MAX_LABEL_BYTES + " bytes");
    }
    // "If [[DataChannelProtocol]] is longer than 65535 bytes long, throw a TypeError."
    if (protocol.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
      throw new IllegalArgumentException("protocol: longer than " + MAX_LABEL_BYTES + " bytes");
    }
    // "If [[Negotiated]] is true and [[DataChannelId]] is null, throw a TypeError."
    if (negotiated && id.isEmpty()) {
      throw new IllegalArgumentException("id: required when negotiated is true");
    }
    // "If both [[MaxPacketLifeTime]] and [[MaxRetransmits]] attributes are set (not null),
    // throw a TypeError."
    if (maxPacketLifeTime.isPresent() && maxRetransmits.isPresent()) {
      throw new IllegalArgumentException("maxPacketLifeTime and maxRetransmits: only one may be set");
    }
    // "If [[DataChannelId]] is equal to 65535, which is greater than the maximum allowed ID of
    // 65534 but still qualifies as an unsigned short, throw a TypeError." [[DataChannelId]] is
    // the id member only when negotiated is true.
    if (negotiated && id.getAsInt() > MAX_ID) {
      throw new IllegalArgumentException("id: " + id.getAsInt() + " is greater than " + MAX_ID);
    }
  }

  /**
   * The channel's initial {@code [[DataChannelId]]}: the {@code id} member when {@code
   * negotiated}, else absent (the connection picks one from the DTLS role).
   */
  public OptionalInt initialId() {
    return negotiated ? id : OptionalInt.empty();
  }

  /**
   * WebIDL's USVString conversion: every lone surrogate becomes U+FFFD.
   */
  static String toUsvString(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean lone;
      if (Character.isHighSurrogate(c)) {
        lone = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!lone) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        lone = Character.isLowSurrogate(c);
      }
      if (lone && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(lone ? '\uFFFD' : c);
      }
    }
    return b == null ? s : b.toString();
  }

  private static void checkUnsignedShort(String member, OptionalInt value) {
    if (value.isPresent() && (value.getAsInt() < 0 || value.getAsInt() > 65535)) {
      throw new IllegalArgumentException(
          member + ": " + value.getAsInt() + " is outside the unsigned short range 0..65535");
    }
  }

  /** Builds {@link RTCDataChannelInit}; every member starts at its W3C default. */
  public static final class Builder {
    private boolean ordered = true;
    private OptionalInt maxPacketLifeTime = OptionalInt.empty();
    private OptionalInt maxRetransmits = OptionalInt.empty();
    private String protocol = "";
    private boolean negotiated;
    private OptionalInt id = OptionalInt.empty();
    private RTCPriorityType priority = RTCPriorityType.LOW;

    private Builder() {}

    /** Whether delivery is in order; default true. */
    public Builder ordered(boolean ordered) {
      this.ordered = ordered;
      return this;
    }

    /** Lifetime limit in ms, 0..65535; default absent. */
    public Builder maxPacketLifeTime(int maxPacketLifeTime) {
      this.maxPacketLifeTime = OptionalInt.of(maxPacketLifeTime);
      return this;
    }

    /** Retransmission limit, 0..65535; default absent. */
    public Builder maxRetransmits(int maxRetransmits) {
      this.maxRetransmits = OptionalInt.of(maxRetransmits);
      return this;
    }

    /** Sub-protocol; default {@code ""}. */
    public Builder protocol(String protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** Out-of-band negotiation; default false. */
    public Builder negotiated(boolean negotiated) {
      this.negotiated = negotiated;
      return this;
    }

    /** The stream id, 0..65534, used when negotiated; default absent. */
    public Builder id(int id) {
      this.id = OptionalInt.of(id);
      return this;
    }

    /** The priority; default {@link RTCPriorityType#LOW}. */
    public Builder priority(RTCPriorityType priority) {
      this.priority = Objects.requireNonNull(priority, "priority");
      return this;
    }

    /**
     * @throws IllegalArgumentException if a numeric member is outside 0..65535
     */
    public RTCDataChannelInit build() {
      return new RTCDataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, protocol, negotiated, id, priority);
    }
  }
}
