package dev.webrtc4j.internal.pc;

/**
 * What the core needs of {@code RTCConfiguration}, in its own types.
 *
 * @param bundlePolicy the W3C RTCBundlePolicy
 * @param rtcpMuxRequired W3C rtcpMuxPolicy "require" (the only value the spec still has)
 */
public record CoreConfig(BundlePolicy bundlePolicy, boolean rtcpMuxRequired) {
  /** The W3C {@code RTCBundlePolicy}. */
  public enum BundlePolicy {
    BALANCED,
    MAX_COMPAT,
    MAX_BUNDLE
  }

  public static CoreConfig defaults() {
    return new CoreConfig(BundlePolicy.BALANCED, true);
  }
}
