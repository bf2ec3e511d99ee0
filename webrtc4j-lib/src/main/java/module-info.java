/**
 * webrtc4j: the W3C {@code RTCPeerConnection} and the WebRTC protocol stack, in Java.
 *
 * <p>Only the public API packages are exported; everything under {@code dev.webrtc4j.internal} is
 * an implementation detail, opened to the project's own test kit alone.
 */
module dev.webrtc4j {
  requires transitive org.jspecify;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.tls;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;

  exports dev.webrtc4j;
  exports dev.webrtc4j.spi;
  exports dev.webrtc4j.sdp;
}
