package dev.webrtc4j.sdp;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** RFC 8866 §6.7: the media direction attributes {@code a=sendrecv|sendonly|recvonly|inactive}. */
public enum Direction implements TypedAttribute {
  SENDRECV("sendrecv"),
  SENDONLY("sendonly"),
  RECVONLY("recvonly"),
  INACTIVE("inactive");

  private final String attributeName;

  Direction(String attributeName) {
    this.attributeName = attributeName;
  }

  @Override
  public String attributeName() {
    return attributeName;
  }

  @Override
  public @Nullable String value() {
    return null;
  }

  /** Whether this direction sends media. */
  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  /** Whether this direction receives media. */
  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  /** The direction seen from the other side (RFC 3264 §6.1): sendonly becomes recvonly. */
  public Direction reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      case SENDRECV, INACTIVE -> this;
    };
  }

  /** The direction whose attribute name is {@code name}. */
  public static Optional<Direction> fromAttributeName(String name) {
    for (Direction d : values()) {
      if (d.attributeName.equals(name)) return Optional.of(d);
    }
    return Optional.empty();
  }
}
