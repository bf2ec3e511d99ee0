package dev.webrtc4j.internal.pc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.dtls.DtlsEngineFactory;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.dtls.DtlsState;
import dev.webrtc4j.internal.ice.IceCandidate;
import dev.webrtc4j.internal.ice.IceConfig;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceRole;
import dev.webrtc4j.internal.pc.TransportStack.StackEvent;
import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.internal.util.Datagram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A DTLS client that starts on its first valid pair (RFC 8445 §12.1; libwebrtc does) can do so
 * before the other side has applied the description that makes its engine: that side must keep
 * the early ClientHello. DTLS retransmissions are set to 60 s here, so a ClientHello that was dropped
 * would stop the handshake for the whole test.
 */
class TransportStackEarlyDtlsTest {
  static final IceCredentials CRED_A = TransportStackTest.CRED_A;
  static final IceCredentials CRED_B = TransportStackTest.CRED_B;

  final Semaphore wakeups = new Semaphore(0);
  final TransportStack a = stack(CRED_A, IceRole.CONTROLLING, 1, TransportStackTest.CERT_A);
  final TransportStack b = stack(CRED_B, IceRole.CONTROLLED, 2, TransportStackTest.CERT_B);
  final List<StackEvent> evA = new ArrayList<>();
  final List<StackEvent> evB = new ArrayList<>();
  /** DTLS datagrams (RFC 7983: first byte 20..63) moved from B to A. */
  int dtlsToA;

  TransportStack stack(IceCredentials cred, IceRole role, long tieBreaker, dev.webrtc4j.internal.dtls.DtlsCertificate cert) {
    IceConfig ice = IceConfig.builder(cred, role, tieBreaker).gatherLoopback(true).build();
    return new TransportStack(ice, cert, DtlsEngineFactory.BOUNCY_CASTLE, c -> c.withInitialRetransmit(Duration.ofSeconds(60)),
        SctpOptions.defaults(), new SplittableRandom(tieBreaker), TransportStackTest.SECURE, wakeups::release);
  }

  @AfterEach
  void close() {
    long now = System.nanoTime();
    a.close(now);
    b.close(now);
  }

  /** Drains both, moves every datagram once each way, collects events; true if anything moved. */
  boolean shuttle() {
    long now = System.nanoTime();
    for (TransportStack s : List.of(a, b)) {
      if (s.pollTimeout() <= now) {
        s.handleTimeout(now);
      }
      s.drain(now);
    }
    boolean moved = false;
    for (Datagram d; (d = a.pollTransmit()) != null; ) {
      moved = true;
      b.handleDatagram(now, d);
    }
    for (Datagram d; (d = b.pollTransmit()) != null; ) {
      moved = true;
      int first = d.payload().get(d.payload().position()) & 0xff;
      dtlsToA += first >= 20 && first <= 63 ? 1 : 0;
      a.handleDatagram(now, d);
    }
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

  void runUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (!shuttle()) {
        assertThat(System.nanoTime()).as("timed out; A " + a.iceState() + "/" + a.dtlsState() + " " + evA + "; B "
            + b.iceState() + "/" + b.dtlsState() + " " + evB).isLessThan(deadline);
        wakeups.tryAcquire(5, TimeUnit.MILLISECONDS);
      }
    }
    shuttle();
  }

  @Test
  void aClientHelloThatArrivesBeforeTheAnswerIsAppliedIsKeptForTheEngine() throws Exception {
    long now = System.nanoTime();
    a.start(now, List.of(TransportStackTest.ADDR_A));
    b.start(now, List.of(TransportStackTest.ADDR_B));
    shuttle();
    // B (the answerer: controlled, DTLS client) has the offer and A's candidates; A has not applied
    // the answer yet, but answers B's checks (RFC 8445 §7.3: it knows its own credentials).
    b.startDtlsOnFirstValidPair(true); // as a libwebrtc client does
    b.setRemote(now, new TransportStack.Remote(CRED_A, TransportStackTest.CERT_A.fingerprints(), DtlsRole.CLIENT, 5000, 5000, 262_144));
    for (IceCandidate c : TransportStackTest.candidates(evA)) {
      b.addRemoteCandidate(now, c);
    }
    b.endOfRemoteCandidates(now);
    // B's check succeeds, B starts DTLS and its ClientHello reaches A, which has no engine yet.
    runUntil(() -> dtlsToA > 0, Duration.ofSeconds(10));
    assertThat(TransportStackTest.of(evB, StackEvent.DtlsConnecting.class)).hasSize(1);
    assertThat(a.dtlsState()).isEqualTo(DtlsState.NEW);
    // Now A applies the answer: its engine gets the kept ClientHello; no retransmission is needed.
    a.setRemote(System.nanoTime(), new TransportStack.Remote(CRED_B, TransportStackTest.CERT_B.fingerprints(), DtlsRole.SERVER,
        5000, 5000, 262_144));
    for (IceCandidate c : TransportStackTest.candidates(evB)) {
      a.addRemoteCandidate(System.nanoTime(), c);
    }
    runUntil(() -> a.dtlsState() == DtlsState.CONNECTED && b.dtlsState() == DtlsState.CONNECTED, Duration.ofSeconds(20));
    assertThat(a.droppedEarlyDtls()).isZero();
  }
}
