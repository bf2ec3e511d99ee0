package dev.webrtc4j.internal.pc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sans-I/O core on its own, in one thread: JSEP rules (RFC 9429) checked on the descriptions
 * it writes and the ones it refuses. Randomness is seeded, so runs are reproducible.
 */
class PeerConnectionCoreTest {
  private static final List<Fingerprint> FP = List.of(new Fingerprint("sha-256",
      "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"));
  private long tokens;

  /** A SecureRandom that is deterministic (SHA1PRNG seeded before first use). */
  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static PeerConnectionCore core(long seed) {
    PeerConnectionCore c = new PeerConnectionCore(CoreConfig.defaults(), seeded(seed), new SplittableRandom(seed),
        SdpPackageTranslator.INSTANCE);
    c.setFingerprints(FP);
    return c;
  }

  /** Drains the core's events; returns the result of {@code token}, throwing its failure. */
  private static Object result(PeerConnectionCore c, long token, List<CoreEvent> seen) {
    CoreEvent e;
    Object out = null;
    boolean done = false;
    while ((e = c.pollEvent()) != null) {
      seen.add(e);
      if (e instanceof CoreEvent.OperationDone d && d.token() == token) {
        if (d.error() != null) {
          throw d.error();
        }
        out = d.result();
        done = true;
      }
    }
    assertThat(done).as("operation " + token + " settled").isTrue();
    return out;
  }

  private JsepDescription offer(PeerConnectionCore c) {
    long t = ++tokens;
    c.createOffer(t, false, null, null);
    return (JsepDescription) result(c, t, new ArrayList<>());
  }

  private JsepDescription answer(PeerConnectionCore c) {
    long t = ++tokens;
    c.createAnswer(t);
    return (JsepDescription) result(c, t, new ArrayList<>());
  }

  private void local(PeerConnectionCore c, JsepDescription d) {
    long t = ++tokens;
    c.setLocalDescription(t, d.type(), d.sdp());
    result(c, t, new ArrayList<>());
  }

  private void remote(PeerConnectionCore c, SdpType type, String sdp) {
    long t = ++tokens;
    c.setRemoteDescription(t, type, sdp);
    result(c, t, new ArrayList<>());
  }

  @Test
  void theSameSeedsGiveTheSameOffer() {
    PeerConnectionCore a = core(7);
    PeerConnectionCore b = core(7);
    a.addTransceiver("audio", Direction.SENDRECV, "t", List.of("s"));
    b.addTransceiver("audio", Direction.SENDRECV, "t", List.of("s"));
    assertThat(offer(a).sdp()).isEqualTo(offer(b).sdp());
  }

  @Test
  void iceCredentialsAreIceCharsOfChromesLengths() {
    PeerConnectionCore c = core(1);
    assertThat(c.localUfrag()).matches("[A-Za-z0-9+/]{4}");
    assertThat(c.localPwd()).matches("[A-Za-z0-9+/]{24}");
    assertThat(core(2).localUfrag() + core(2).localPwd()).isNotEqualTo(c.localUfrag() + c.localPwd());
  }

  // RFC 9429 §5.2.1: mids, BUNDLE with every section, rtcp-mux, actpass, trickle; no candidates.
  @Test
  void anInitialOfferBundlesEverySectionWithMidsInOrder() {
    PeerConnectionCore c = core(3);
    c.addTransceiver("audio", Direction.SENDRECV, "a1", List.of("s1"));
    c.addTransceiver("video", Direction.RECVONLY, null, List.of());
    c.addDataChannel();
    JsepDescription o = offer(c);
    assertThat(o.media()).extracting(MediaSection::mid).containsExactly("0", "1", "2");
    assertThat(o.media()).extracting(MediaSection::kind).containsExactly("audio", "video", "application");
    assertThat(o.bundle()).containsExactly("0", "1", "2");
    assertThat(o.media()).allSatisfy(m -> {
      assertThat(m.port()).isEqualTo(9);
      assertThat(m.setup()).isEqualTo("actpass");
      assertThat(m.iceOptions()).containsExactly("trickle");
      assertThat(m.fingerprints()).isEqualTo(FP);
      assertThat(m.candidates()).isEmpty();
    });
    assertThat(o.media().get(0).rtcpMux()).isTrue();
    assertThat(o.media().get(0).msids()).containsExactly(new Msid("s1", "a1"));
    assertThat(o.media().get(0).ssrcs()).hasSize(1);
    assertThat(o.media().get(1).msids()).isEmpty();
    assertThat(o.media().get(1).ssrcs()).isEmpty();
    assertThat(o.sdp()).contains("a=msid-semantic: WMS\r\n").contains("m=video 9 UDP/TLS/RTP/SAVPF 96 97 ")
        .contains("a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
    // The session version grows with each offer.
    assertThat(offer(c).sessionVersion()).isGreaterThan(o.sessionVersion());
  }

  // RFC 9429 §5.3.1 / RFC 4145: an offer saying active gets passive.
  @Test
  void anActiveOfferGetsAPassiveAnswer() {
    PeerConnectionCore a = core(4);
    PeerConnectionCore b = core(5);
    a.addDataChannel();
    JsepDescription o = offer(a);
    remote(b, SdpType.OFFER, o.sdp().replace("a=setup:actpass", "a=setup:active"));
    assertThat(answer(b).media().get(0).setup()).isEqualTo("passive");
  }

  // RFC 9429 §5.3.1: an m-section we cannot use (no common codec, non-WebRTC protocol, unknown
  // media) is rejected with port 0, kept in place with its mid, and left out of BUNDLE.
  @Test
  void unusableSectionsAreRejectedInPlace() {
    PeerConnectionCore a = core(6);
    a.addTransceiver("audio", Direction.SENDRECV, null, List.of());
    a.addTransceiver("video", Direction.SENDRECV, null, List.of());
    JsepDescription o = offer(a);
    String sdp = o.sdp();
    // Make the video section offer only H.265 (which we do not support).
    int v = sdp.indexOf("m=video");
    String video = sdp.substring(v).replaceFirst("m=video 9 UDP/TLS/RTP/SAVPF [0-9 ]+", "m=video 9 UDP/TLS/RTP/SAVPF 49")
        .replaceAll("a=(rtpmap|rtcp-fb|fmtp):[0-9]+ [^\r]*\r\n", "")
        .replace("a=rtcp-rsize\r\n", "a=rtcp-rsize\r\na=rtpmap:49 H265/90000\r\n");
    PeerConnectionCore b = core(8);
    remote(b, SdpType.OFFER, sdp.substring(0, v) + video);
    JsepDescription ans = answer(b);
    assertThat(ans.media().get(0).rejected()).isFalse();
    assertThat(ans.media().get(1).rejected()).isTrue();
    assertThat(ans.media().get(1).mid()).isEqualTo("1");
    assertThat(ans.bundle()).containsExactly("0");
    assertThat(ans.sdp()).contains("m=video 0 UDP/TLS/RTP/SAVPF 49");
  }

  @Test
  void anAnswerIntersectsCodecsKeepingTheOfferersPayloadTypes() {
    PeerConnectionCore a = core(9);
    a.addTransceiver("audio", Direction.SENDRECV, null, List.of());
    String sdp = offer(a).sdp()
        .replaceFirst("m=audio 9 UDP/TLS/RTP/SAVPF [0-9 ]+", "m=audio 9 UDP/TLS/RTP/SAVPF 96 0 98")
        .replaceAll("a=(rtpmap|rtcp-fb|fmtp):[0-9]+ [^\r]*\r\n", "")
        .replace("a=rtcp-rsize\r\n", "a=rtcp-rsize\r\na=rtpmap:96 opus/48000/2\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 transport-cc\r\n"
            + "a=fmtp:96 useinbandfec=1\r\na=rtpmap:98 iLBC/8000\r\n");
    PeerConnectionCore b = core(10);
    remote(b, SdpType.OFFER, sdp);
    MediaSection m = answer(b).media().get(0);
    assertThat(m.codecs()).extracting(RtpCodec::payloadType).containsExactly(96, 0);
    assertThat(m.codecs().get(0).rtcpFeedback()).containsExactly("transport-cc");
    assertThat(m.codecs().get(1).name()).isEqualTo("PCMU");
  }

  // W3C rtcpMuxPolicy "require": a remote description without rtcp-mux fails.
  @Test
  void aRemoteOfferWithoutRtcpMuxIsRefused() {
    PeerConnectionCore a = core(11);
    a.addTransceiver("audio", Direction.SENDRECV, null, List.of());
    String sdp = offer(a).sdp().replace("a=rtcp-mux\r\n", "");
    PeerConnectionCore b = core(12);
    assertThatThrownBy(() -> remote(b, SdpType.OFFER, sdp)).isInstanceOfSatisfying(PcException.class,
        e -> assertThat(e.kind()).isEqualTo(PcException.Kind.INVALID_ACCESS));
    assertThat(b.signalingState()).isEqualTo(SignalingState.STABLE);
  }

  @Test
  void aRemoteOfferWithoutFingerprintOrIceCredentialsIsRefused() {
    PeerConnectionCore a = core(13);
    a.addDataChannel();
    String sdp = offer(a).sdp();
    PeerConnectionCore b = core(14);
    assertThatThrownBy(() -> remote(b, SdpType.OFFER, sdp.replaceAll("a=fingerprint:[^\r]*\r\n", "")))
        .isInstanceOfSatisfying(PcException.class, e -> assertThat(e.kind()).isEqualTo(PcException.Kind.INVALID_ACCESS));
    assertThatThrownBy(() -> remote(b, SdpType.OFFER, sdp.replaceAll("a=ice-ufrag:[^\r]*\r\n", "")))
        .isInstanceOfSatisfying(PcException.class, e -> assertThat(e.kind()).isEqualTo(PcException.Kind.INVALID_ACCESS));
  }

  // RFC 9429 §5.10: an answer must have the offer's m-sections in the same order.
  @Test
  void anAnswerWithADifferentLayoutIsRefused() {
    PeerConnectionCore a = core(15);
    a.addTransceiver("audio", Direction.SENDRECV, null, List.of());
    a.addTransceiver("video", Direction.SENDRECV, null, List.of());
    JsepDescription o = offer(a);
    local(a, o);
    PeerConnectionCore b = core(16);
    b.addTransceiver("audio", Direction.SENDRECV, null, List.of());
    JsepDescription other = offer(b);
    assertThatThrownBy(() -> remote(a, SdpType.ANSWER, other.sdp().replace("a=setup:actpass", "a=setup:active")))
        .isInstanceOfSatisfying(PcException.class, e -> assertThat(e.kind()).isEqualTo(PcException.Kind.INVALID_ACCESS));
    assertThat(a.signalingState()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
  }

  // The operations chain waits for the certificate: createOffer settles only once it is known.
  @Test
  void operationsWaitForTheCertificate() {
    PeerConnectionCore c = new PeerConnectionCore(CoreConfig.defaults(), seeded(1), new SplittableRandom(1),
        SdpPackageTranslator.INSTANCE);
    c.addDataChannel();
    c.createOffer(1, false, null, null);
    c.createAnswer(2);
    List<CoreEvent> seen = new ArrayList<>();
    CoreEvent e;
    while ((e = c.pollEvent()) != null) {
      seen.add(e);
    }
    assertThat(seen).noneMatch(x -> x instanceof CoreEvent.OperationDone);
    c.setFingerprints(FP);
    while ((e = c.pollEvent()) != null) {
      seen.add(e);
    }
    List<CoreEvent.OperationDone> done = seen.stream().filter(x -> x instanceof CoreEvent.OperationDone)
        .map(x -> (CoreEvent.OperationDone) x).toList();
    assertThat(done).extracting(CoreEvent.OperationDone::token).containsExactly(1L, 2L);
    assertThat(done.get(0).error()).isNull();
    assertThat(done.get(1).error().kind()).isEqualTo(PcException.Kind.INVALID_STATE);
  }

  // The legacy offerToReceiveAudio/Video (W3C §11.4): true adds a recvonly transceiver.
  @Test
  void legacyOfferToReceiveAddsRecvonlyTransceivers() {
    PeerConnectionCore c = core(17);
    c.createOffer(1, false, true, true);
    List<CoreEvent> seen = new ArrayList<>();
    JsepDescription o = (JsepDescription) result(c, 1, seen);
    assertThat(o.media()).extracting(MediaSection::kind).containsExactly("audio", "video");
    assertThat(o.media()).extracting(MediaSection::direction).containsExactly(Direction.RECVONLY, Direction.RECVONLY);
    assertThat(c.transceivers()).hasSize(2);
    // false turns receiving off on existing ones.
    c.createOffer(2, false, false, null);
    JsepDescription o2 = (JsepDescription) result(c, 2, seen);
    assertThat(o2.media().get(0).direction()).isEqualTo(Direction.INACTIVE);
  }

  // RFC 9429 §5.2.2 recycling happens only for a section rejected in the current descriptions.
  @Test
  void closedCoreRejectsEverything() {
    PeerConnectionCore c = core(18);
    c.close();
    assertThat(c.signalingState()).isEqualTo(SignalingState.CLOSED);
    assertThatThrownBy(() -> c.addTransceiver("audio", Direction.SENDRECV, null, List.of()))
        .isInstanceOfSatisfying(PcException.class, e -> assertThat(e.kind()).isEqualTo(PcException.Kind.INVALID_STATE));
    c.createOffer(1, false, null, null);
    assertThatThrownBy(() -> result(c, 1, new ArrayList<>())).isInstanceOfSatisfying(PcException.class,
        e -> assertThat(e.kind()).isEqualTo(PcException.Kind.INVALID_STATE));
  }
}
