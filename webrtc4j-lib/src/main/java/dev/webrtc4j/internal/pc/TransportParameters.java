package dev.webrtc4j.internal.pc;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a completed offer/answer says about the one BUNDLE transport (the first bundled, or first
 * accepted, m-section of each current description): everything the ICE agent, the DTLS engine and
 * the SCTP association need from signalling.
 *
 * @param localUfrag our ICE ufrag in the current local description
 * @param localPwd our ICE password
 * @param remoteUfrag the peer's ICE ufrag
 * @param remotePwd the peer's ICE password
 * @param remoteFingerprints the peer's a=fingerprint values
 * @param dtlsClient whether we are the DTLS client (a=setup:active on our side)
 * @param sctp the data channel transport, or null when no m=application was accepted
 * @param remoteCandidates the a=candidate values of the remote section (without "candidate:")
 * @param remoteEndOfCandidates whether the remote section carries a=end-of-candidates
 */
public record TransportParameters(
    String localUfrag,
    String localPwd,
    String remoteUfrag,
    String remotePwd,
    List<Fingerprint> remoteFingerprints,
    boolean dtlsClient,
    @Nullable Sctp sctp,
    List<String> remoteCandidates,
    boolean remoteEndOfCandidates) {
  public TransportParameters {
    Objects.requireNonNull(localUfrag, "localUfrag");
    Objects.requireNonNull(localPwd, "localPwd");
    Objects.requireNonNull(remoteUfrag, "remoteUfrag");
    Objects.requireNonNull(remotePwd, "remotePwd");
    remoteFingerprints = List.copyOf(remoteFingerprints);
    remoteCandidates = List.copyOf(remoteCandidates);
  }

  /**
   * @param localPort our a=sctp-port
   * @param remotePort the peer's a=sctp-port
   * @param remoteMaxMessageSize the peer's a=max-message-size (RFC 8841 §6: 64 KiB when absent; 0 means no limit)
   */
  public record Sctp(int localPort, int remotePort, long remoteMaxMessageSize) {}
}
