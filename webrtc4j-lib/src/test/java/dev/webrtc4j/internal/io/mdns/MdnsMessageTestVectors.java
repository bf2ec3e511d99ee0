package dev.webrtc4j.internal.io.mdns;

/** Shared hand-built vectors (see {@link MdnsMessageTest}). */
public final class MdnsMessageTestVectors {
  public static final String RESPONSE_HEX = MdnsMessageTest.RESPONSE_HEX;

  private MdnsMessageTestVectors() {}
}
