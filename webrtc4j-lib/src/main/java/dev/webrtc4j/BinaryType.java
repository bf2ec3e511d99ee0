package dev.webrtc4j;

/**
 * The W3C {@code BinaryType} enum. How an {@link RTCDataChannel} exposes binary messages; {@code "arraybuffer"} is the only one a JVM needs, {@code "blob"} is kept for fidelity.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/web-sockets.html#binarytype">BinaryType</a>
 */
public enum BinaryType {
  BLOB("blob"),
  ARRAYBUFFER("arraybuffer");

  private final String w3cName;

  BinaryType(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "blob"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static BinaryType fromW3cName(String name) {
    for (BinaryType v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration BinaryType");
  }
}
