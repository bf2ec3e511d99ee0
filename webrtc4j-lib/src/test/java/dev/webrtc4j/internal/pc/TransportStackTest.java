package dev.webrtc4j.internal.pc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.dtls.DtlsEngineFactory;
import dev.webrtc4j.internal.dtls.DtlsEvent;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.dtls.DtlsState;
import dev.webrtc4j.internal.dtls.Fingerprint;
import dev.webrtc4j.internal.ice.IceCandidate;
import dev.webrtc4j.internal.ice.IceConfig;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceRole;
import dev.webrtc4j.internal.pc.TransportStack.StackEvent;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.internal.sctp.SendResult;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two stacks in the test thread: datagrams are moved between them by hand (no sockets), the time
 * is the real monotonic clock because the BouncyCastle handshake runs on its own virtual thread.
 */
class TransportStackTest {
  static final SecureRandom SECURE = new SecureRandom();
  static final Instant NOW = Instant.now();
  static final DtlsCertificate CERT_A = DtlsCertificate.generate(NOW, SECURE);
  static final DtlsCertificate CERT_B = DtlsCertificate.generate(NOW, SECURE);
  static final IceCredentials CRED_A = new IceCredentials("aaaa", "passwordpasswordAAAAAA");
  static final IceCredentials CRED_B = new IceCredentials("bbbb", "passwordpasswordBBBBBB");
  static final InetSocketAddress ADDR_A = addr(new byte[] {127, 0, 0, 1}, 5000);
  static final InetSocketAddress ADDR_B = addr(new byte[] {127, 0, 0, 2}, 6000);

  final Semaphore wakeups = new Semaphore(0);
  final TransportStack a = stack(CRED_A, IceRole.CONTROLLING, 1, CERT_A);
  final TransportStack b = stack(CRED_B, IceRole.CONTROLLED, 2, CERT_B);
  final List<StackEvent> evA = new ArrayList<>();
  final List<StackEvent> evB = new ArrayList<>();
  int delivered;
  /** The size of every datagram moved between the stacks, in order. */
  final List<Integer> datagramSizes = new ArrayList<>();

  static InetSocketAddress addr(byte[] ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  TransportStack stack(IceCredentials cred, IceRole role, long tieBreaker, DtlsCertificate cert) {
    IceConfig ice = IceConfig.builder(cred, role, tieBreaker).gatherLoopback(true).build();
    return new TransportStack(ice, cert, DtlsEngineFactory.BOUNCY_CASTLE,
        c -> c.withInitialRetransmit(Duration.ofMillis(200)), SctpOptions.defaults(),
        new SplittableRandom(tieBreaker), SECURE, wakeups::release);
  }

  @AfterEach
  void close() {
    long now = System.nanoTime();
    a.close(now);
    b.close(now);
  }

  /** Gathers, exchanges parameters and candidates; A is the DTLS client unless told otherwise. */
  void connect(List<Fingerprint> fingerprintsOfBAtA, DtlsRole roleOfA) {
    long now = System.nanoTime();
    a.start(now, List.of(ADDR_A));
    b.start(now, List.of(ADDR_B));
    shuttle();
    DtlsRole roleOfB = roleOfA == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
    a.setRemote(now, new TransportStack.Remote(CRED_B, fingerprintsOfBAtA, roleOfA, 5000, 5000, 262_144));
    b.setRemote(now, new TransportStack.Remote(CRED_A, CERT_A.fingerprints(), roleOfB, 5000, 5000, 262_144));
    for (IceCandidate c : candidates(evA)) {
      b.addRemoteCandidate(now, c);
    }
    for (IceCandidate c : candidates(evB)) {
      a.addRemoteCandidate(now, c);
    }
    a.endOfRemoteCandidates(now);
    b.endOfRemoteCandidates(now);
  }

  static List<IceCandidate> candidates(List<StackEvent> events) {
    return events.stream().filter(StackEvent.LocalCandidate.class::isInstance)
        .map(e -> ((StackEvent.LocalCandidate) e).candidate()).toList();
  }

  /** Runs both stacks' due timeouts, drains them and moves their datagrams; true if anything moved. */
  boolean shuttle() {
    long now = System.nanoTime();
    boolean moved = false;
    for (TransportStack s : List.of(a, b)) {
      if (s.pollTimeout() <= now) {
        s.handleTimeout(now);
      }
      s.drain(now);
    }
    moved |= move(a, b, now) | move(b, a, now);
    for (StackEvent e; (e = a.pollEvent()) != null; ) {
      evA.add(e);
      moved = true;
    }
    for (StackEvent e; (e = b.pollEvent()) != null; ) {
      evB.add(e);
      moved = true;
    }
    return moved;
  }

  private boolean move(TransportStack from, TransportStack to, long now) {
    boolean moved = false;
    for (Datagram d; (d = from.pollTransmit()) != null; ) {
      moved = true;
      delivered++;
      datagramSizes.add(d.payload().remaining());
      to.handleDatagram(now, d);
    }
    return moved;
  }

  void runUntil(BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (!shuttle()) {
        long now = System.nanoTime();
        if (now >= deadline) {
          throw new AssertionError("timed out; A " + a.iceState() + "/" + a.dtlsState() + " " + evA + "; B "
              + b.iceState() + "/" + b.dtlsState() + " " + evB);
        }
        long next = Math.min(Math.min(a.pollTimeout(), b.pollTimeout()), deadline);
        long wait = Math.max(0, Math.min(next - now, TimeUnit.MILLISECONDS.toNanos(20)));
        try {
          wakeups.tryAcquire(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
        wakeups.drainPermits();
      }
    }
    shuttle();
  }

  static <T> List<T> of(List<StackEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T> List<T> channel(List<StackEvent> events, Class<T> type) {
    return events.stream().filter(StackEvent.Channel.class::isInstance).map(e -> ((StackEvent.Channel) e).event())
        .filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void iceConnectsAndDtlsHandshakesWithTheSameSrtpProfile() {
    connect(CERT_B.fingerprints(), DtlsRole.CLIENT);
    runUntil(() -> !of(evA, StackEvent.DtlsConnected.class).isEmpty() && !of(evB, StackEvent.DtlsConnected.class).isEmpty(),
        Duration.ofSeconds(10));
    assertThat(of(evA, StackEvent.IceStateChanged.class)).contains(new StackEvent.IceStateChanged(IceConnectionState.CONNECTED));
    assertThat(of(evB, StackEvent.IceStateChanged.class)).contains(new StackEvent.IceStateChanged(IceConnectionState.CONNECTED));
    assertThat(of(evA, StackEvent.EndOfCandidates.class)).hasSize(1);
    assertThat(a.dtlsState()).isEqualTo(DtlsState.CONNECTED);
    assertThat(b.dtlsState()).isEqualTo(DtlsState.CONNECTED);
    StackEvent.DtlsConnected ca = of(evA, StackEvent.DtlsConnected.class).getFirst();
    StackEvent.DtlsConnected cb = of(evB, StackEvent.DtlsConnected.class).getFirst();
    assertThat(ca.srtpProfile()).isNotNull().isEqualTo(cb.srtpProfile());
    assertThat(ca.srtp().material()).isEqualTo(cb.srtp().material());
    assertThat(ca.cipherSuite()).isEqualTo(cb.cipherSuite());
    assertThat(a.droppedNonDtls()).isZero();
  }

  @Test
  void aDtlsClientThatStartsOnItsFirstValidPairStartsBeforeTheNominationAndBothConnect() {
    b.startDtlsOnFirstValidPair(true);
    connect(CERT_B.fingerprints(), DtlsRole.SERVER); // B, the controlled side, is the DTLS client
    runUntil(() -> !of(evA, StackEvent.DtlsConnected.class).isEmpty() && !of(evB, StackEvent.DtlsConnected.class).isEmpty(),
        Duration.ofSeconds(10));
    // RFC 8445 §12.1: B's handshake started on its valid pair, before the nomination selected one.
    int started = evB.indexOf(new StackEvent.DtlsConnecting());
    int selected = -1;
    for (int i = 0; i < evB.size(); i++) {
      if (evB.get(i) instanceof StackEvent.SelectedPairChanged sp && sp.pair() != null) {
        selected = i;
        break;
      }
    }
    assertThat(started).isNotNegative();
    assertThat(selected).isGreaterThan(started);
    assertThat(a.dtlsState()).isEqualTo(DtlsState.CONNECTED);
    assertThat(b.dtlsState()).isEqualTo(DtlsState.CONNECTED);
    assertThat(a.droppedEarlyDtls()).isZero();
    assertThat(b.droppedEarlyDtls()).isZero();
  }

  /** A STUN success response (RFC 5389 §6: class bits of the type 0x0101). */
  static boolean isStunSuccess(Datagram d) {
    ByteBuffer p = d.payload();
    return p.remaining() >= 20 && (p.getShort(p.position()) & 0xffff) == 0x0101;
  }

  /** A DTLS handshake record carrying a ClientHello (content type 22, handshake type 1 at offset 13). */
  static boolean isClientHello(Datagram d) {
    ByteBuffer p = d.payload();
    return p.remaining() > 13 && p.get(p.position()) == 22 && p.get(p.position() + 13) == 1;
  }

  @Test
  void aServerFlightMadeBeforeItsOwnCheckSucceededWaitsForThePairInsteadOfBeingLost() {
    b.startDtlsOnFirstValidPair(true); // as a libwebrtc client does
    connect(CERT_B.fingerprints(), DtlsRole.SERVER); // B (controlled) is the DTLS client
    // B's responses to A's checks are held back: A's own checks cannot succeed, while B's can
    // (A answers them), so B starts DTLS early and A gets a ClientHello with no pair to answer on.
    List<Datagram> heldResponses = new ArrayList<>();
    int clientHellos = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (a.heldDtlsRecords() == 0) {
      assertThat(System.nanoTime()).as("A never held a record; A " + evA + " B " + evB).isLessThan(deadline);
      long now = System.nanoTime();
      for (TransportStack s : List.of(a, b)) {
        if (s.pollTimeout() <= now) {
          s.handleTimeout(now);
        }
        s.drain(now);
      }
      for (Datagram d; (d = a.pollTransmit()) != null; ) {
        b.handleDatagram(now, d);
      }
      for (Datagram d; (d = b.pollTransmit()) != null; ) {
        if (isStunSuccess(d)) {
          heldResponses.add(d);
        } else {
          clientHellos += isClientHello(d) ? 1 : 0;
          a.handleDatagram(now, d);
        }
      }
      for (StackEvent e; (e = a.pollEvent()) != null; ) {
        evA.add(e);
      }
      for (StackEvent e; (e = b.pollEvent()) != null; ) {
        evB.add(e);
      }
      if (a.heldDtlsRecords() == 0) {
        try {
          wakeups.tryAcquire(5, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
    assertThat(clientHellos).isPositive();
    assertThat(a.iceState()).isNotEqualTo(IceConnectionState.CONNECTED);
    // Now A hears B's responses: its pair is valid and the held flight goes out in that very step
    // (not after a DTLS retransmission timeout).
    long now = System.nanoTime();
    heldResponses.forEach(d -> a.handleDatagram(now, d));
    List<Datagram> out = new ArrayList<>();
    for (Datagram d; (d = a.pollTransmit()) != null; ) {
      out.add(d);
    }
    assertThat(out).anyMatch(d -> {
      int first = d.payload().get(d.payload().position()) & 0xff;
      return first >= 20 && first <= 63; // RFC 7983: DTLS
    });
    out.forEach(d -> b.handleDatagram(now, d));
    runUntil(() -> a.dtlsState() == DtlsState.CONNECTED && b.dtlsState() == DtlsState.CONNECTED, Duration.ofSeconds(10));
    assertThat(a.heldDtlsRecords()).isPositive();
  }

  @Test
  void byDefaultTheDtlsClientStartsAtTheSelection() {
    connect(CERT_B.fingerprints(), DtlsRole.SERVER);
    runUntil(() -> a.dtlsState() == DtlsState.CONNECTED && b.dtlsState() == DtlsState.CONNECTED, Duration.ofSeconds(10));
    int started = evB.indexOf(new StackEvent.DtlsConnecting());
    assertThat(started).isPositive();
    assertThat(evB.subList(0, started)).anyMatch(e -> e instanceof StackEvent.SelectedPairChanged sp && sp.pair() != null);
  }

  @Test
  void appDataThatIsNotDtlsIsDroppedAndCounted() {
    connect(CERT_B.fingerprints(), DtlsRole.CLIENT);
    runUntil(() -> a.dtlsState() == DtlsState.CONNECTED && b.dtlsState() == DtlsState.CONNECTED, Duration.ofSeconds(10));
    int before = evA.size();
    byte[] rtp = new byte[20];
    rtp[0] = (byte) 0x80; // RTP version 2 (RFC 7983: 128..191)
    a.handleDatagram(System.nanoTime(), Datagram.of(ADDR_B, ADDR_A, rtp));
    byte[] unknown = {(byte) 0xff, 1, 2, 3};
    a.handleDatagram(System.nanoTime(), Datagram.of(ADDR_B, ADDR_A, unknown));
    shuttle();
    assertThat(a.droppedNonDtls()).isEqualTo(2);
    assertThat(a.dtlsState()).isEqualTo(DtlsState.CONNECTED);
    assertThat(evA.subList(before, evA.size())).noneMatch(e -> e instanceof StackEvent.DtlsFailed);
  }

  @Test
  void closeSendsCloseNotifyAndThePeerReportsDtlsClosed() {
    connect(CERT_B.fingerprints(), DtlsRole.CLIENT);
    runUntil(() -> !of(evA, StackEvent.SctpUp.class).isEmpty() && !of(evB, StackEvent.SctpUp.class).isEmpty(),
        Duration.ofSeconds(10));
    long now = System.nanoTime();
    a.close(now);
    assertThat(a.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    runUntil(() -> !of(evB, StackEvent.DtlsClosed.class).isEmpty(), Duration.ofSeconds(5));
    assertThat(b.dtlsState()).isEqualTo(DtlsState.CLOSED);
  }

  @Test
  void aWrongRemoteFingerprintFailsDtlsWithTheFingerprintFailureAndNoDataPasses() {
    Fingerprint wrong = DtlsCertificate.generate(NOW, SECURE).sha256Fingerprint();
    connect(List.of(wrong), DtlsRole.CLIENT);
    runUntil(() -> !of(evA, StackEvent.DtlsFailed.class).isEmpty(), Duration.ofSeconds(10));
    assertThat(of(evA, StackEvent.IceStateChanged.class)).contains(new StackEvent.IceStateChanged(IceConnectionState.CONNECTED));
    StackEvent.DtlsFailed f = of(evA, StackEvent.DtlsFailed.class).getFirst();
    assertThat(f.fingerprintFailure()).isTrue();
    assertThat(f.reason()).isEqualTo(DtlsEvent.FailureReason.FINGERPRINT_MISMATCH);
    assertThat(f.reason().w3cErrorDetail()).isEqualTo("fingerprint-failure");
    // Give the peer time to hear the alert; neither side ever has an association.
    runUntil(() -> b.dtlsState() != DtlsState.CONNECTING, Duration.ofSeconds(5));
    assertThat(of(evA, StackEvent.DtlsConnected.class)).isEmpty();
    assertThat(a.dtlsState()).isEqualTo(DtlsState.FAILED);
    assertThat(b.dtlsState()).isNotEqualTo(DtlsState.CONNECTED);
    assertThat(of(evA, StackEvent.SctpUp.class)).isEmpty();
    assertThat(of(evB, StackEvent.SctpUp.class)).isEmpty();
    assertThat(channel(evA, ChannelEvent.class)).isEmpty();
    assertThat(channel(evB, ChannelEvent.class)).isEmpty();
  }

  @Test
  void sctpAssociatesAndADataChannelCarriesMessagesBothWays() {
    connect(CERT_B.fingerprints(), DtlsRole.SERVER); // the controlled side is the DTLS client here
    runUntil(() -> !of(evA, StackEvent.SctpUp.class).isEmpty() && !of(evB, StackEvent.SctpUp.class).isEmpty(),
        Duration.ofSeconds(10));
    StreamId id = a.openChannel(System.nanoTime(), ChannelConfig.reliable("chat"), OptionalInt.empty());
    runUntil(() -> !channel(evB, ChannelEvent.Incoming.class).isEmpty() && !channel(evA, ChannelEvent.Opened.class).isEmpty(),
        Duration.ofSeconds(5));
    ChannelEvent.Incoming in = channel(evB, ChannelEvent.Incoming.class).getFirst();
    assertThat(in.id()).isEqualTo(id);
    assertThat(in.config().label()).isEqualTo("chat");
    assertThat(id.value() % 2).isOne(); // A is the DTLS server: odd stream ids (RFC 8832 §6)
    assertThat(a.send(System.nanoTime(), id, false, utf8("hello from A"))).isEqualTo(SendResult.ACCEPTED);
    assertThat(b.send(System.nanoTime(), id, true, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo(SendResult.ACCEPTED);
    runUntil(() -> !channel(evB, ChannelEvent.Message.class).isEmpty() && !channel(evA, ChannelEvent.Message.class).isEmpty(),
        Duration.ofSeconds(5));
    ChannelEvent.Message atB = channel(evB, ChannelEvent.Message.class).getFirst();
    assertThat(atB.binary()).isFalse();
    assertThat(StandardCharsets.UTF_8.decode(atB.data().duplicate()).toString()).isEqualTo("hello from A");
    ChannelEvent.Message atA = channel(evA, ChannelEvent.Message.class).getFirst();
    assertThat(atA.binary()).isTrue();
    byte[] got = new byte[atA.data().remaining()];
    atA.data().duplicate().get(got);
    assertThat(got).containsExactly(1, 2, 3);
    assertThat(a.droppedSctpPackets()).isZero();
    assertThat(b.droppedSctpPackets()).isZero();
  }

  @Test
  void sctpPacketsAreSizedToTheNegotiatedSuiteAndNoDatagramExceedsTheDtlsMtu() {
    connect(CERT_B.fingerprints(), DtlsRole.CLIENT);
    runUntil(() -> !of(evA, StackEvent.SctpUp.class).isEmpty() && !of(evB, StackEvent.SctpUp.class).isEmpty(),
        Duration.ofSeconds(10));
    String suite = of(evA, StackEvent.DtlsConnected.class).getFirst().cipherSuite();
    assertThat(suite).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    // 1200 - (13 record header + 8 explicit nonce + 16 tag), not 1200 - 64 as reserved before the handshake.
    assertThat(a.channels().association().mtu()).isEqualTo(1200 - 37);
    assertThat(b.channels().association().mtu()).isEqualTo(1200 - 37);
    StreamId id = a.openChannel(System.nanoTime(), ChannelConfig.reliable("bulk"), OptionalInt.empty());
    runUntil(() -> !channel(evB, ChannelEvent.Incoming.class).isEmpty(), Duration.ofSeconds(5));
    int sizesBefore = datagramSizes.size();
    byte[] big = new byte[200_000];
    SECURE.nextBytes(big);
    assertThat(a.send(System.nanoTime(), id, true, ByteBuffer.wrap(big))).isEqualTo(SendResult.ACCEPTED);
    runUntil(() -> !channel(evB, ChannelEvent.Message.class).isEmpty(), Duration.ofSeconds(10));
    ChannelEvent.Message got = channel(evB, ChannelEvent.Message.class).getFirst();
    byte[] received = new byte[got.data().remaining()];
    got.data().duplicate().get(received);
    assertThat(received).isEqualTo(big);
    List<Integer> transfer = datagramSizes.subList(sizesBefore, datagramSizes.size());
    assertThat(datagramSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1200));
    // Full DATA packets: 1160 bytes of SCTP (the 4-byte multiple under 1163) in a 1197-byte record.
    assertThat(transfer.stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(1160 + 37);
    assertThat(a.droppedSctpPackets()).isZero();
    assertThat(b.droppedSctpPackets()).isZero();
  }

  static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
