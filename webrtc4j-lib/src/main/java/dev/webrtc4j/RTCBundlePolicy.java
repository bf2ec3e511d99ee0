package dev.webrtc4j;

/**
 * The W3C {@code RTCBundlePolicy} enum. How media is bundled when the remote endpoint is not bundle-aware.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcbundlepolicy">RTCBundlePolicy</a>
 */
public enum RTCBundlePolicy {
  BALANCED("balanced"),
  MAX_COMPAT("max-compat"),
  MAX_BUNDLE("max-bundle");

  private final String w3cName;

  RTCBundlePolicy(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "balanced"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCBundlePolicy fromW3cName(String name) {
    for (RTCBundlePolicy v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCBundlePolicy");
  }
}
