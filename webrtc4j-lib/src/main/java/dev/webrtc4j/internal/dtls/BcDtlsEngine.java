package dev.webrtc4j.internal.dtls;

import dev.webrtc4j.internal.util.Bytes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsCredentialedSigner;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DtlsEngine} on BouncyCastle's DTLS 1.2 ({@code bctls}), with BC's JCA crypto over the
 * JDK providers, so AES-GCM runs on the JDK's intrinsics.
 *
 * <h2>Threads</h2>
 *
 * BC's {@code DTLSClientProtocol}/{@code DTLSServerProtocol} block in {@link
 * DatagramTransport#receive} and time retransmissions with the system clock. So the handshake runs
 * on its own thread ({@link HandshakeThreads}: virtual by default) over a queue-backed transport:
 * the loop puts received datagrams into a bounded queue, BC's sends land in a concurrent outbound
 * queue the loop polls, and the thread runs the configured wakeup once each time BC waits for
 * input after producing a flight (the flight's records packed into datagrams up to the MTU, and
 * the new retransmission deadline, in one wakeup). The client verifies the server's signature
 * beside its own flight's computation and holds the flight back until it verified ({@link
 * DeferredChecks}). Retransmissions are BC's own (RFC 6347
 * §4.2.4: initial timeout {@link DtlsConfig#initialRetransmit()}, doubling up to 60 s);
 * {@link #pollTimeout()} reports BC's current receive deadline as seen from the loop, an estimate
 * that lets a loop without a wakeup collect retransmitted flights.
 *
 * <p>When the handshake completes, the thread hands the {@link DTLSTransport} over and ends. From
 * then on record protection and unprotection run on the loop thread directly: {@link #send} calls
 * {@code DTLSTransport.send}, and {@link #handleDatagram} lets {@code DTLSTransport.receive} read the
 * datagram from the transport in non-blocking mode, where an empty transport throws a preallocated
 * {@link InterruptedIOException} that BC passes through untouched. No thread hop per datagram.
 */
final class BcDtlsEngine implements DtlsEngine {
  private static final System.Logger LOG = System.getLogger(BcDtlsEngine.class.getName());

  /** The largest datagram accepted: a full DTLS record (2^14 plaintext + expansion) and its header. */
  static final int RECEIVE_LIMIT = (1 << 14) + 2048 + 13;

  /** Datagrams queued for the handshake thread before more are dropped. */
  static final int INBOUND_BOUND = 256;

  /** Smallest possible DTLS record: the 13-byte header. */
  static final int RECORD_HEADER_LENGTH = 13;

  static final String SRTP_EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  /** The connection's epoch after the handshake (no renegotiation in WebRTC). */
  static final int CONNECTION_EPOCH = 1;

  /**
   * Whether application data of an AES-GCM suite runs on our own record layer ({@link
   * GcmRecordLayer}) after the handshake; {@code -Ddev.webrtc4j.dtls.ownRecords=false} keeps BC's
   * record layer for everything (for comparisons).
   */
  static final boolean OWN_RECORDS = !"false".equals(System.getProperty("dev.webrtc4j.dtls.ownRecords"));

  private static final Map<Integer, String> SUITE_NAMES =
      Map.ofEntries(
          Map.entry(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
          Map.entry(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
          Map.entry(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
          Map.entry(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
          Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
          Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
          Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
          Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"));

  /** What browsers offer for DTLS 1.2 (Chrome's list, minus what needs no ECDHE). */
  static final int[] ECDSA_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
  };

  static final int[] RSA_SUITES = {
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  };

  private final DtlsConfig config;
  private final boolean ownRecords;
  private final JcaTlsCrypto crypto;
  /** The client's signature checks that run beside its handshake; null for a server (see {@link DeferredChecks}). */
  private final @Nullable DeferredChecks deferredChecks;
  /** Our P-256 private key for BC's lightweight ECDSA (P256EcdsaSigner); null for RSA or a key the JDK must sign with. */
  private final @Nullable ECPrivateKeyParameters signingKey;
  /** The nonce of our one handshake signature, made ahead; null without {@link #signingKey}. */
  private final @Nullable Prepared<P256EcdsaSigner.Nonce> signingNonce;
  /** The key pair of the handshake's X25519 agreement, made ahead; also held by {@link #crypto}. */
  private final Prepared<X25519Domain.KeyPair> preparedKeyPair;
  private final QueueTransport transport = new QueueTransport();
  private final ConcurrentLinkedQueue<DtlsEvent> events = new ConcurrentLinkedQueue<>();
  private final AtomicLong dropped = new AtomicLong();

  private volatile DtlsState state = DtlsState.NEW;
  private volatile boolean closedLocally;
  private volatile boolean started;
  /** Counted down when the handshake task has returned its thread (tests wait for it). */
  private final java.util.concurrent.CountDownLatch handshakeEnded = new java.util.concurrent.CountDownLatch(1);
  /** The thread running the handshake while it runs; guarded by {@code this}, so close() interrupts only this handshake. */
  private @Nullable Thread handshakeRunner;

  // Written by the handshake thread before it publishes `established`; read by the loop after.
  private volatile DtlsEvent.@Nullable Connected connectedInfo;
  private volatile @Nullable DTLSTransport established;
  private volatile boolean fingerprintMismatch;
  private volatile int lastAlertSent = -1;
  private volatile boolean closeNotifyReceived;
  private @Nullable List<Bytes> remoteChain;
  private @Nullable SrtpProfile selectedSrtp;
  private volatile @Nullable RecordScreen screen;
  /** The TLS key block for {@link GcmRecordLayer}, written by the handshake thread before {@code established}; null for other suites. */
  private volatile byte @Nullable [] keyBlock;
  private volatile int negotiatedSuite;

  // Loop-owned.
  private @Nullable DTLSTransport active;
  /** Our record layer for the connection epoch's application data, once taken over; null: BC does all records. */
  private @Nullable GcmRecordLayer records;
  private int maxApplicationData;
  private long lastNow;
  private long deadline = Long.MAX_VALUE;
  private long seenWaitSeq;
  private final byte[] receiveBuffer = new byte[RECEIVE_LIMIT];

  BcDtlsEngine(DtlsConfig config) {
    this(config, OWN_RECORDS);
  }

  /** @param ownRecords whether an AES-GCM connection's application data runs on {@link GcmRecordLayer} (tests mix both) */
  BcDtlsEngine(DtlsConfig config, boolean ownRecords) {
    this.config = config;
    this.ownRecords = ownRecords;
    // Only the client defers: what it computes after the server's signature (its own flight) is
    // worth overlapping, and its output has a gate (the ChangeCipherSpec) before any protected record.
    this.deferredChecks = config.role() == DtlsRole.CLIENT ? new DeferredChecks(HandshakeThreads.EXECUTOR) : null;
    // The handshake's one-time secrets do not depend on the peer: start() has them made on another
    // thread, so the flights that need them (the server's first, the client's second) do not
    // compute them on the handshake's critical path (Prepared). Not here, when the engine is made
    // (the remote description): that would put 0.3 ms of computation beside the signalling and
    // ICE checks that still decide when DTLS can start.
    Prepared<X25519Domain.KeyPair> keyPair = new Prepared<>(() -> X25519Domain.KeyPair.random(config.random()));
    this.preparedKeyPair = keyPair;
    this.signingKey = P256EcdsaSigner.p256Key(config.certificate().privateKey());
    this.signingNonce = signingKey == null ? null : new Prepared<>(() -> P256EcdsaSigner.Nonce.random(config.random()));
    this.crypto = new JdkTlsCrypto(config.random(), deferredChecks, keyPair);
  }

  @Override
  public void start(long now) {
    if (state != DtlsState.NEW) {
      throw new IllegalStateException("already started: " + state);
    }
    lastNow = now;
    state = DtlsState.CONNECTING;
    started = true;
    HandshakeThreads.EXECUTOR.execute(this::runHandshake);
    // The client needs them after the server's flight (a round trip away), the server after
    // reading the ClientHello: either takes one made meanwhile, or makes it if this task has not started.
    if (signingNonce != null) {
      Prepared.makeAhead(HandshakeThreads.EXECUTOR, preparedKeyPair, signingNonce);
    } else {
      Prepared.makeAhead(HandshakeThreads.EXECUTOR, preparedKeyPair);
    }
  }

  /** Waits until the handshake task (if started) has ended and released its thread; true if it did in time. */
  boolean awaitHandshakeEnd(java.time.Duration timeout) throws InterruptedException {
    return !started || handshakeEnded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void handleDatagram(long now, ByteBuffer datagram) {
    sync(now);
    int length = datagram.remaining();
    if (length < RECORD_HEADER_LENGTH || length > RECEIVE_LIMIT) {
      drop("datagram of " + length + " bytes cannot hold DTLS records");
      datagram.position(datagram.limit());
      return;
    }
    switch (state) {
      case NEW, CONNECTING -> {
        byte[] copy = new byte[length];
        datagram.get(copy);
        if (!transport.inbound.offer(copy)) {
          drop("handshake input queue full");
        }
        if (established != null) {
          sync(now); // the handshake ended meanwhile: process it on the loop now
        }
      }
      case CONNECTED -> {
        ByteBuffer screened = screened(datagram);
        if (screened == null) {
          datagram.position(datagram.limit());
          return;
        }
        if (screened != datagram) {
          drop("some records unacceptable (RFC 6347 §4.1.2.7)");
        }
        try {
          if (records != null) {
            receiveRecords(records, screened);
          } else {
            transport.direct = screened;
            pump();
          }
        } finally {
          transport.direct = null;
          datagram.position(datagram.limit());
        }
      }
      case CLOSED, FAILED -> {
        datagram.position(datagram.limit());
        drop("datagram after the association ended (" + state.w3cName() + ")");
      }
    }
  }

  @Override
  public void handleTimeout(long now) {
    sync(now);
    if (now >= deadline) {
      // BC retransmits on its own clock; the next wait it reports re-arms the estimate.
      deadline = Long.MAX_VALUE;
    }
  }

  @Override
  public @Nullable ByteBuffer pollTransmit() {
    sync(lastNow);
    return transport.outbound.poll();
  }

  @Override
  public @Nullable DtlsEvent pollEvent() {
    sync(lastNow);
    return events.poll();
  }

  @Override
  public long pollTimeout() {
    sync(lastNow);
    return state == DtlsState.CONNECTING ? deadline : Long.MAX_VALUE;
  }

  @Override
  public void send(ByteBuffer data) {
    sync(lastNow);
    DTLSTransport t = active;
    if (state != DtlsState.CONNECTED || t == null) {
      throw new IllegalStateException("DTLS is " + state.w3cName() + ", not connected");
    }
    int length = data.remaining();
    if (length > maxApplicationData) {
      throw new IllegalArgumentException("record of " + length + " bytes exceeds the limit of " + maxApplicationData);
    }
    if (length == 0) {
      throw new IllegalArgumentException("empty application data record");
    }
    byte[] array;
    int offset;
    if (data.hasArray() && !data.isReadOnly()) {
      array = data.array();
      offset = data.arrayOffset() + data.position();
    } else {
      array = new byte[length];
      data.duplicate().get(array);
      offset = 0;
    }
    GcmRecordLayer own = records;
    try {
      if (own != null) {
        transport.outbound.add(own.seal(GcmRecordLayer.TYPE_APPLICATION_DATA, array, offset, length));
      } else {
        t.send(array, offset, length);
      }
    } catch (IOException | IllegalStateException e) {
      fail(DtlsEvent.FailureReason.INTERNAL_ERROR, "send failed: " + e, -1);
    }
    data.position(data.limit());
  }

  /** With our record layer, a hand-over buffer with room around it becomes the record itself (no copy). */
  @Override
  public void sendOwned(ByteBuffer data) {
    sync(lastNow);
    GcmRecordLayer own = records;
    int length = data.remaining();
    if (own == null || state != DtlsState.CONNECTED || !data.hasArray() || data.isReadOnly() || length == 0 || length > maxApplicationData) {
      send(data);
      return;
    }
    int offset = data.arrayOffset() + data.position();
    byte[] array = data.array();
    if (offset < GcmRecordLayer.HEADER + GcmRecordLayer.EXPLICIT_NONCE || array.length - offset - length < GcmRecordLayer.TAG) {
      send(data);
      return;
    }
    try {
      transport.outbound.add(own.sealInPlace(GcmRecordLayer.TYPE_APPLICATION_DATA, array, offset, length));
    } catch (IllegalStateException e) {
      fail(DtlsEvent.FailureReason.INTERNAL_ERROR, "send failed: " + e, -1);
    }
    data.position(data.limit());
  }

  @Override
  public int recordHeadroom() {
    sync(lastNow);
    return records != null ? GcmRecordLayer.HEADER + GcmRecordLayer.EXPLICIT_NONCE : 0;
  }

  @Override
  public int recordTailroom() {
    sync(lastNow);
    return records != null ? GcmRecordLayer.TAG : 0;
  }

  @Override
  public int maxApplicationDataSize() {
    sync(lastNow);
    return state == DtlsState.CONNECTED ? maxApplicationData : 0;
  }

  @Override
  public void close() {
    sync(lastNow);
    if (closedLocally || state == DtlsState.CLOSED || state == DtlsState.FAILED) {
      closedLocally = true;
      state = state == DtlsState.FAILED ? DtlsState.FAILED : DtlsState.CLOSED;
      return;
    }
    synchronized (this) {
      if (state == DtlsState.FAILED) {
        closedLocally = true;
        return;
      }
      closedLocally = true;
    }
    DTLSTransport t = active;
    if (t != null) {
      try {
        t.close(); // sends close_notify (RFC 5246 §7.2.1)
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "DTLS close failed: {0}", e.toString());
      }
    } else {
      transport.closed = true;
      synchronized (this) {
        Thread runner = handshakeRunner;
        if (runner != null) {
          runner.interrupt();
        }
      }
    }
    state = DtlsState.CLOSED;
  }

  @Override
  public DtlsState state() {
    sync(lastNow);
    return state;
  }

  @Override
  public long droppedDatagrams() {
    return dropped.get();
  }

  // --- the loop side ---

  private void sync(long now) {
    if (now > lastNow) {
      lastNow = now;
    }
    if (active == null) {
      DTLSTransport t = established;
      if (t != null) {
        takeOver(t);
      } else if (state == DtlsState.CONNECTING) {
        long seq = transport.waitSeq.get();
        if (seq != seenWaitSeq) {
          seenWaitSeq = seq;
          long wait = transport.waitMillis;
          deadline = lastNow + TimeUnit.MILLISECONDS.toNanos(wait) + TimeUnit.MILLISECONDS.toNanos(1);
        }
      }
    }
  }

  private void takeOver(DTLSTransport t) {
    active = t;
    deadline = Long.MAX_VALUE;
    if (closedLocally) {
      try {
        t.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "DTLS close failed: {0}", e.toString());
      }
      return;
    }
    try {
      maxApplicationData = t.getSendLimit();
    } catch (IOException e) {
      maxApplicationData = 0;
    }
    state = DtlsState.CONNECTED;
    takeOverRecords();
    // Datagrams that arrived between the end of the handshake and now.
    GcmRecordLayer own = records;
    if (own == null) {
      pump();
      return;
    }
    for (byte[] queued; state == DtlsState.CONNECTED && (queued = transport.inbound.poll()) != null; ) {
      ByteBuffer screened = screened(ByteBuffer.wrap(queued));
      if (screened != null) {
        receiveRecords(own, screened);
      }
    }
  }

  /** The datagram's acceptable records (RFC 6347 §4.1.2.7), or null, counted as a drop, when it has none. */
  private @Nullable ByteBuffer screened(ByteBuffer datagram) {
    RecordScreen s = screen;
    ByteBuffer screened = s == null ? datagram : s.screen(datagram);
    if (screened == null) {
      drop("no acceptable record (RFC 6347 §4.1.2.7)");
    }
    return screened;
  }

  /**
   * From here on the connection epoch's application data goes through {@link GcmRecordLayer}:
   * our sequence numbers continue after the last record BC wrote in the epoch (its Finished and any
   * retransmission of it). BC has delivered no application data by now (it discards what arrives
   * during the handshake, and every datagram queued since goes through {@link #receiveRecords}),
   * so our replay window starts empty; the peer's Finished stays BC's (a handshake record).
   */
  private void takeOverRecords() {
    byte[] block = keyBlock;
    keyBlock = null;
    if (block == null || state != DtlsState.CONNECTED) {
      return;
    }
    try {
      long lastSent = transport.lastSentSequence;
      if (lastSent < 0) {
        LOG.log(Level.DEBUG, "DTLS: no record of epoch {0} sent by BC, keeping BC's record layer", CONNECTION_EPOCH);
        return;
      }
      records = GcmRecordLayer.fromKeyBlock(negotiatedSuite, block, config.role() == DtlsRole.CLIENT, CONNECTION_EPOCH, lastSent + 1);
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      LOG.log(Level.DEBUG, "DTLS: own record layer unavailable, keeping BC's: {0}", e.toString());
    } finally {
      java.util.Arrays.fill(block, (byte) 0);
    }
  }

  /**
   * The records of one screened datagram, in order: application data of the connection epoch on
   * our record layer, everything else (the peer's retransmitted flight, alerts) on BC's, one
   * record at a time.
   */
  private void receiveRecords(GcmRecordLayer own, ByteBuffer datagram) {
    int at = datagram.position();
    int end = datagram.limit();
    while (end - at >= RECORD_HEADER_LENGTH && state == DtlsState.CONNECTED) {
      int recordLength = RECORD_HEADER_LENGTH + Short.toUnsignedInt(datagram.getShort(at + 11));
      if (recordLength > end - at) {
        drop("truncated record");
        return;
      }
      if (own.isOurs(datagram, at)) {
        byte[] plain = own.open(datagram, at, recordLength);
        if (plain != null) {
          events.add(new DtlsEvent.ApplicationData(Bytes.wrapOwned(plain)));
        } else {
          dropped.incrementAndGet(); // a replay, or a record whose tag did not verify (RFC 6347 §4.1.2.7)
        }
      } else {
        transport.direct = datagram.slice(at, recordLength);
        pump();
        transport.direct = null;
      }
      at += recordLength;
    }
  }

  /** Unprotects every record available to the transport (the direct datagram, then the queue). */
  private void pump() {
    DTLSTransport t = active;
    if (t == null) {
      return;
    }
    while (state == DtlsState.CONNECTED) {
      int n;
      try {
        n = t.receive(receiveBuffer, 0, receiveBuffer.length, 0);
      } catch (NoInput e) {
        break;
      } catch (TlsFatalAlertReceived e) {
        fail(DtlsEvent.FailureReason.ALERT_RECEIVED, "peer sent fatal alert " + AlertDescription.getText(e.getAlertDescription()), e.getAlertDescription(), -1);
        break;
      } catch (TlsFatalAlert e) {
        fail(DtlsEvent.FailureReason.PROTOCOL_ERROR, "fatal alert sent: " + AlertDescription.getText(e.getAlertDescription()), -1, e.getAlertDescription());
        break;
      } catch (IOException | RuntimeException e) {
        fail(DtlsEvent.FailureReason.INTERNAL_ERROR, "receive failed: " + e, -1);
        break;
      }
      if (n >= 0) {
        events.add(new DtlsEvent.ApplicationData(Bytes.of(receiveBuffer, 0, n)));
      } else {
        dropped.incrementAndGet(); // a record BC discarded (bad MAC, replay, stale epoch)
      }
      if (closeNotifyReceived) {
        break;
      }
    }
    if (closeNotifyReceived && state == DtlsState.CONNECTED) {
      // BC already answered with its own close_notify (RFC 5246 §7.2.1).
      state = DtlsState.CLOSED;
      events.add(new DtlsEvent.Closed());
    }
  }

  private void fail(DtlsEvent.FailureReason reason, String message, int sentAlert) {
    fail(reason, message, -1, sentAlert);
  }

  private void fail(DtlsEvent.FailureReason reason, String message, int receivedAlert, int sentAlert) {
    if (state == DtlsState.FAILED || state == DtlsState.CLOSED) {
      return;
    }
    LOG.log(Level.DEBUG, "DTLS failed ({0}): {1}", reason, message);
    state = DtlsState.FAILED;
    events.add(new DtlsEvent.Failed(reason, message, receivedAlert, sentAlert));
  }

  private void drop(String why) {
    dropped.incrementAndGet();
    LOG.log(Level.DEBUG, "DTLS dropped a datagram: {0}", why);
  }

  // --- the handshake thread ---

  private void runHandshake() {
    synchronized (this) {
      handshakeRunner = Thread.currentThread();
    }
    try {
      handshake();
    } finally {
      synchronized (this) {
        handshakeRunner = null;
        Thread.interrupted(); // a close() racing the end must not reach the pool thread's next task
      }
      handshakeEnded.countDown();
    }
  }

  private void handshake() {
    try {
      DTLSTransport t =
          switch (config.role()) {
            case CLIENT -> new DTLSClientProtocol().connect(new Client(), transport);
            case SERVER -> {
              DTLSServerProtocol server = new DTLSServerProtocol();
              // ICE consent already proved the peer's address, so skip HelloVerifyRequest's
              // round trip, as browsers' DTLS servers do (RFC 6347 §4.2.1 makes it optional).
              server.setVerifyRequests(false);
              yield server.accept(new Server(), transport);
            }
          };
      transport.awaitDeferredChecks(); // passed at the ChangeCipherSpec already, unless BC sent none
      transport.flush(); // the last flight (the server's ChangeCipherSpec and Finished)
      transport.nonBlocking = true;
      DtlsEvent.Connected info = connectedInfo;
      if (info == null) {
        throw new IllegalStateException("handshake completed without notifyHandshakeComplete");
      }
      if (!closedLocally) {
        events.add(info);
      }
      established = t;
    } catch (TlsFatalAlertReceived e) {
      failFromHandshake(DtlsEvent.FailureReason.ALERT_RECEIVED, "peer sent fatal alert " + AlertDescription.getText(e.getAlertDescription()), e.getAlertDescription(), -1);
    } catch (TlsFatalAlert e) {
      DtlsEvent.FailureReason reason = fingerprintMismatch ? DtlsEvent.FailureReason.FINGERPRINT_MISMATCH : DtlsEvent.FailureReason.PROTOCOL_ERROR;
      String message = e.getMessage() == null ? AlertDescription.getText(e.getAlertDescription()) : e.getMessage();
      if (e.getCause() != null) {
        message += " (" + e.getCause() + ")";
      }
      failFromHandshake(reason, message, -1, e.getAlertDescription());
    } catch (TlsTimeoutException e) {
      failFromHandshake(DtlsEvent.FailureReason.TIMEOUT, "handshake timed out after " + config.handshakeTimeout(), -1, -1);
    } catch (IOException | RuntimeException e) {
      failFromHandshake(DtlsEvent.FailureReason.INTERNAL_ERROR, "handshake failed: " + e, -1, lastAlertSent);
    } finally {
      if (!transport.nonBlocking && !closedLocally) {
        transport.flush(); // a fatal alert of a failed handshake
      }
      config.wakeup().run();
    }
  }

  private void failFromHandshake(DtlsEvent.FailureReason reason, String message, int receivedAlert, int sentAlert) {
    transport.closed = true;
    synchronized (this) { // against a concurrent close() on the loop
      if (closedLocally) {
        return;
      }
      LOG.log(Level.DEBUG, "DTLS handshake failed ({0}): {1}", reason, message);
      // Event first: whoever sees the failed state must also find the event.
      events.add(new DtlsEvent.Failed(reason, message, receivedAlert, sentAlert));
      state = DtlsState.FAILED;
    }
  }

  /** RFC 8122 §5 / RFC 8827 §6.5: the leaf must hash to one of the signalled fingerprints. */
  private void verifyRemote(@Nullable Certificate chain) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer sent no certificate");
    }
    List<Bytes> ders = new ArrayList<>();
    for (TlsCertificate c : chain.getCertificateList()) {
      ders.add(Bytes.wrapOwned(c.getEncoded()));
    }
    byte[] leaf = ders.getFirst().toArray();
    boolean ok = false;
    for (Fingerprint f : config.remoteFingerprints()) {
      ok |= f.matches(leaf);
    }
    if (!ok) {
      fingerprintMismatch = true;
      throw new TlsFatalAlert(
          AlertDescription.bad_certificate,
          "remote certificate " + Fingerprint.of(HashFunction.SHA_256, leaf) + " matches none of " + config.remoteFingerprints());
    }
    remoteChain = ders;
  }

  private TlsCredentialedSigner signer(TlsContext context) throws IOException {
    DtlsCertificate local = config.certificate();
    Certificate chain = new Certificate(new TlsCertificate[] {new JdkTlsCertificate(crypto, local.x509())});
    SignatureAndHashAlgorithm alg =
        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, local.isEcdsa() ? SignatureAlgorithm.ecdsa : SignatureAlgorithm.rsa);
    ECPrivateKeyParameters key = signingKey;
    if (key != null) {
      return new DefaultTlsCredentialedSigner(new TlsCryptoParameters(context), new P256EcdsaSigner(key, config.random(), signingNonce), chain, alg);
    }
    return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, local.privateKey(), chain, alg);
  }

  private void handshakeComplete(TlsContext context) throws IOException {
    SecurityParameters sp = context.getSecurityParametersConnection();
    SrtpKeyingMaterial srtp = null;
    SrtpProfile profile = selectedSrtp;
    if (profile != null) {
      byte[] material = context.exportKeyingMaterial(SRTP_EXPORTER_LABEL, null, profile.keyingMaterialLength());
      srtp = new SrtpKeyingMaterial(profile, Bytes.wrapOwned(material), config.role());
    }
    KeyLogSink keyLog = config.keyLog();
    if (keyLog != null) {
      TlsSecret copy = crypto.adoptSecret(sp.getMasterSecret()); // extract() destroys: use a copy
      try {
        keyLog.log(KeyLogSink.clientRandomLine(Bytes.wrapOwned(sp.getClientRandom().clone()), Bytes.wrapOwned(copy.extract())));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "DTLS key log failed: {0}", e.toString());
      }
    }
    int suite = sp.getCipherSuite();
    screen = RecordScreen.forSuite(suite, sp.isEncryptThenMAC());
    negotiatedSuite = suite;
    int keyBlockLength = GcmRecordLayer.keyBlockLength(suite);
    if (ownRecords && keyBlockLength > 0 && isEmpty(sp.getConnectionIDLocal()) && isEmpty(sp.getConnectionIDPeer())) {
      // RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random).
      byte[] seed = org.bouncycastle.util.Arrays.concatenate(sp.getServerRandom(), sp.getClientRandom());
      keyBlock = TlsUtils.PRF(sp, sp.getMasterSecret(), "key expansion", seed, keyBlockLength).extract();
    }
    String known = SUITE_NAMES.get(suite);
    String suiteName = known != null ? known : String.format("0x%04X", suite); // format only when needed: 30 µs
    List<Bytes> chain = remoteChain;
    if (chain == null) {
      throw new TlsFatalAlert(AlertDescription.internal_error, "no remote certificate seen");
    }
    connectedInfo = new DtlsEvent.Connected(chain, suiteName, srtp);
  }

  private void alertRaised(short level, short description, @Nullable String message) {
    if (level == AlertLevel.fatal) {
      lastAlertSent = description;
    }
    LOG.log(Level.DEBUG, "DTLS alert sent: {0} {1} {2}", AlertLevel.getText(level), AlertDescription.getText(description), message);
  }

  private void alertReceived(short level, short description) {
    if (description == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
    LOG.log(Level.DEBUG, "DTLS alert received: {0} {1}", AlertLevel.getText(level), AlertDescription.getText(description));
  }

  private int[] srtpProfileIds() {
    List<SrtpProfile> profiles = config.srtpProfiles();
    int[] ids = new int[profiles.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = profiles.get(i).id(); // no stream: it was 10 µs of the ClientHello
    }
    return ids;
  }

  private final class Client extends DefaultTlsClient {
    Client() {
      super(crypto);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      int[] all = new int[ECDSA_SUITES.length + RSA_SUITES.length];
      // Interleave so that GCM suites of either key type come before CBC ones, like Chrome.
      for (int i = 0; i < ECDSA_SUITES.length; i++) {
        all[2 * i] = ECDSA_SUITES[i];
        all[2 * i + 1] = RSA_SUITES[i];
      }
      return TlsUtils.getSupportedCipherSuites(getCrypto(), all);
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
      return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
      return (int) config.handshakeTimeout().toMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
      return (int) config.initialRetransmit().toMillis();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
      Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
      if (!config.srtpProfiles().isEmpty()) {
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(srtpProfileIds(), TlsUtils.EMPTY_BYTES));
      }
      return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
      super.processServerExtensions(serverExtensions);
      UseSRTPData data = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
      if (data == null) {
        return;
      }
      // RFC 5764 §4.1.1: the server's extension carries one profile the client offered, and an
      // MKI only if the client sent one (we send none).
      int[] ids = data.getProtectionProfiles();
      if (ids.length != 1 || data.getMki().length != 0) {
        throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server use_srtp must select exactly one profile and no MKI");
      }
      SrtpProfile p = SrtpProfile.fromId(ids[0]).filter(config.srtpProfiles()::contains).orElse(null);
      if (p == null) {
        throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server selected SRTP profile " + ids[0] + " that was not offered");
      }
      selectedSrtp = p;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
          verifyRemote(serverCertificate.getCertificate());
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
          return signer(context);
        }
      };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      handshakeComplete(context);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
      alertRaised(alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
      alertReceived(alertLevel, alertDescription);
    }
  }

  private final class Server extends DefaultTlsServer {
    Server() {
      super(crypto);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return TlsUtils.getSupportedCipherSuites(getCrypto(), config.certificate().isEcdsa() ? ECDSA_SUITES : RSA_SUITES);
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
      return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
      return (int) config.handshakeTimeout().toMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
      return (int) config.initialRetransmit().toMillis();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
      return config.certificate().isEcdsa() ? signer(context) : super.getECDSASignerCredentials();
    }

    @Override
    protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
      return config.certificate().isEcdsa() ? super.getRSASignerCredentials() : signer(context);
    }

    /** WebRTC authenticates both sides (RFC 8827 §6.5): always ask for the client's certificate. */
    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
      short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
      return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
      verifyRemote(clientCertificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
      super.processClientExtensions(clientExtensions);
      UseSRTPData data = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
      if (data == null) {
        return;
      }
      for (SrtpProfile p : config.srtpProfiles()) {
        for (int id : data.getProtectionProfiles()) {
          if (id == p.id()) {
            selectedSrtp = p;
            return;
          }
        }
      }
      // RFC 5764 §4.1.1: no common profile means no use_srtp in the ServerHello.
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
      Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
      SrtpProfile p = selectedSrtp;
      if (p != null) {
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {p.id()}, TlsUtils.EMPTY_BYTES));
      }
      return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      // BC has just queued the last flight (ChangeCipherSpec, Finished), which the client is
      // waiting for: send it now, before the keying-material export and the transport set-up.
      transport.flush();
      super.notifyHandshakeComplete();
      handshakeComplete(context);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
      alertRaised(alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
      alertReceived(alertLevel, alertDescription);
    }
  }

  private static boolean isEmpty(byte @Nullable [] b) {
    return b == null || b.length == 0;
  }

  /** The highest sequence number of a connection-epoch record in {@code buf} (records back to back), or -1. */
  static long highestSequence(byte[] buf, int off, int len) {
    long highest = -1;
    int at = off;
    int end = off + len;
    while (end - at >= RECORD_HEADER_LENGTH) {
      if (recordEpoch(buf, at) == CONNECTION_EPOCH) {
        long sequence = 0;
        for (int i = 5; i < 11; i++) {
          sequence = (sequence << 8) | (buf[at + i] & 0xff);
        }
        highest = Math.max(highest, sequence);
      }
      at += recordLength(buf, at);
    }
    return highest;
  }

  /** The epoch in the header of the record at {@code at}. */
  static int recordEpoch(byte[] buf, int at) {
    return ((buf[at + 3] & 0xff) << 8) | (buf[at + 4] & 0xff);
  }

  /** The length of the record at {@code at}, header included. */
  static int recordLength(byte[] buf, int at) {
    return RECORD_HEADER_LENGTH + (((buf[at + 11] & 0xff) << 8) | (buf[at + 12] & 0xff));
  }

  /** Thrown by the transport in non-blocking mode when it has nothing: "no more input now". */
  private static final class NoInput extends InterruptedIOException {
    private static final long serialVersionUID = 1L;
    static final NoInput INSTANCE = new NoInput();

    private NoInput() {
      super("no input");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** The DatagramTransport BC reads and writes: queues between the loop and the handshake thread. */
  private final class QueueTransport implements DatagramTransport {
    final LinkedBlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>(INBOUND_BOUND);
    final ConcurrentLinkedQueue<ByteBuffer> outbound = new ConcurrentLinkedQueue<>();
    final AtomicLong waitSeq = new AtomicLong();
    volatile int waitMillis;
    volatile boolean nonBlocking;
    volatile boolean closed;
    /** Loop mode: the datagram being handled, read in place. */
    @Nullable ByteBuffer direct;
    /** The highest sequence number of the connection epoch in a record BC wrote; -1 before its Finished. */
    volatile long lastSentSequence = -1;
    /** Handshake thread: records waiting to leave together. */
    private byte @Nullable [] pending;
    private int pendingLength;

    @Override
    public int getReceiveLimit() {
      if (nonBlocking) {
        // BC allocates a record buffer of this size on every receive call: on the hot path size it
        // to the datagram at hand instead of the 18 KiB worst case.
        ByteBuffer d = direct;
        if (d != null) {
          return Math.max(RECORD_HEADER_LENGTH, d.remaining());
        }
        byte[] next = inbound.peek();
        return next == null ? RECORD_HEADER_LENGTH : Math.max(RECORD_HEADER_LENGTH, next.length);
      }
      return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
      return config.mtu();
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
      if (nonBlocking) {
        ByteBuffer d = direct;
        if (d != null) {
          direct = null;
          return copyOut(d, buf, off, len);
        }
        byte[] queued = inbound.poll();
        if (queued == null) {
          throw NoInput.INSTANCE;
        }
        return copyOut(ByteBuffer.wrap(queued), buf, off, len);
      }
      if (closed) {
        throw new InterruptedIOException("DTLS engine closed");
      }
      // One wakeup lets the loop collect the flight and see the new deadline.
      this.waitMillis = waitMillis;
      waitSeq.incrementAndGet();
      emitPending();
      config.wakeup().run();
      byte[] d;
      try {
        d = waitMillis <= 0 ? inbound.take() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        throw new InterruptedIOException("DTLS handshake interrupted");
      }
      if (d == null) {
        return -1;
      }
      return copyOut(ByteBuffer.wrap(d), buf, off, len);
    }

    private int copyOut(ByteBuffer d, byte[] buf, int off, int len) {
      int n = d.remaining();
      if (n > len) {
        drop("datagram of " + n + " bytes exceeds BC's buffer of " + len);
        return -1;
      }
      d.duplicate().get(buf, off, n);
      return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
      long sent = highestSequence(buf, off, len);
      if (sent > lastSentSequence) {
        lastSentSequence = sent;
      }
      GcmRecordLayer own = records;
      if (nonBlocking && own != null && sent >= 0) {
        // Loop thread: BC wrote a record of the connection epoch after we took the epoch's
        // sequence numbers over (a close_notify, an alert, its retransmitted Finished). Its
        // sequence number may be one of ours: renumber it so that none goes out twice.
        resealed(own, buf, off, len);
        return;
      }
      if (nonBlocking) {
        // Loop thread, after the handshake: BC passes one record per call in an array it has just
        // allocated for it (every TlsCipher's encodePlaintext returns a fresh buffer, and the
        // record layer writes the header into it and forgets it), so the datagram can own it:
        // no copy per record.
        outbound.add(ByteBuffer.wrap(buf, off, len).slice());
        return;
      }
      if (closed) {
        return; // an abandoned handshake's last words
      }
      if (mustWaitForChecks(buf, off, len)) {
        awaitDeferredChecks();
      }
      // Handshake thread: BC sends one record per call; pack a flight's records into datagrams
      // up to the MTU (RFC 6347 §4.1.1 allows several records per datagram, and browsers do it),
      // flushed when BC next waits for input or the handshake ends.
      int mtu = config.mtu();
      if (pendingLength > 0 && pendingLength + len > mtu) {
        // A flight larger than one datagram (a big client certificate): its first datagram must
        // not leave before the server's signature verified either.
        awaitDeferredChecks();
        flush();
      }
      if (pending == null) {
        pending = new byte[Math.max(mtu, len)];
      } else if (pending.length < pendingLength + len) {
        pending = java.util.Arrays.copyOf(pending, pendingLength + len);
      }
      System.arraycopy(buf, off, pending, pendingLength, len);
      pendingLength += len;
    }

    /** BC's records of one send call, those of the connection epoch resealed under our sequence numbers. */
    private void resealed(GcmRecordLayer own, byte[] buf, int off, int len) {
      int at = off;
      int end = off + len;
      while (end - at >= RECORD_HEADER_LENGTH) {
        int recordLength = recordLength(buf, at);
        if (recordLength > end - at) {
          break;
        }
        ByteBuffer out = recordEpoch(buf, at) == CONNECTION_EPOCH ? own.reseal(buf, at, recordLength) : ByteBuffer.wrap(java.util.Arrays.copyOfRange(buf, at, at + recordLength));
        if (out != null) {
          outbound.add(out);
        } else {
          drop("a record of BC's that did not open for renumbering");
        }
        at += recordLength;
      }
    }

    /** Waits for the deferred signature checks, if any; on failure nothing packed so far leaves. */
    private void awaitDeferredChecks() throws TlsFatalAlert {
      DeferredChecks checks = deferredChecks;
      if (checks == null || !checks.pending()) {
        return;
      }
      try {
        checks.awaitAll();
      } catch (TlsFatalAlert e) {
        pendingLength = 0; // Certificate, ClientKeyExchange, CertificateVerify never leave
        throw e; // BC answers with the decrypt_error alert, still in epoch 0
      }
    }

    /** A ChangeCipherSpec or any protected record: what waits for the deferred signature checks. */
    private static boolean mustWaitForChecks(byte[] buf, int off, int len) {
      if (len < RECORD_HEADER_LENGTH) {
        return true;
      }
      int type = buf[off] & 0xff;
      return type == 20 || recordEpoch(buf, off) != 0;
    }

    /** Handshake thread: emits the records packed so far as one datagram, and wakes the loop. */
    void flush() {
      if (emitPending()) {
        config.wakeup().run();
      }
    }

    /** Handshake thread: emits the records packed so far as one datagram; true if there were any. */
    private boolean emitPending() {
      byte[] p = pending;
      if (pendingLength > 0 && p != null) {
        outbound.add(ByteBuffer.wrap(java.util.Arrays.copyOf(p, pendingLength)));
        pendingLength = 0;
        return true;
      }
      return false;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
