package dev.webrtc4j.testkit.dtls;

import dev.webrtc4j.internal.dtls.DtlsConfig;
import dev.webrtc4j.internal.dtls.DtlsEngine;
import dev.webrtc4j.internal.dtls.DtlsEngineFactory;
import dev.webrtc4j.internal.dtls.DtlsEvent;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.dtls.DtlsState;
import dev.webrtc4j.internal.dtls.Fingerprint;
import dev.webrtc4j.internal.dtls.HashFunction;
import dev.webrtc4j.internal.dtls.SrtpKeyingMaterial;
import dev.webrtc4j.internal.dtls.SrtpProfile;
import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import dev.webrtc4j.internal.util.Timer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DtlsEngine} without cryptography, for deterministic simulations of ICE + DTLS + SCTP on
 * virtual time: no threads, no clock, all randomness from {@link DtlsConfig#random()} (pass a
 * seeded one), timers on {@code now}.
 *
 * <p>It keeps the contract that matters to the layers around DTLS: the datagrams start with a
 * byte in 20..63 (RFC 7983 demultiplexing works), each side sends its certificate's DER and the
 * other checks it against the signalled fingerprints (a mismatch fails with {@link
 * DtlsEvent.FailureReason#FINGERPRINT_MISMATCH} and a {@code bad_certificate} alert), the client's
 * SRTP profiles are negotiated and both sides get the same keying material, lost flights are
 * retransmitted with exponential backoff, close sends a close_notify, and application records are
 * limited to the MTU minus the overhead of an AES-GCM DTLS record. It is not secure: the payload
 * travels in clear.
 *
 * <pre>
 * client                                      server
 *   [22][1][random 32][n][profiles 2n][DER]  -->        ClientHello
 *   &lt;--  [22][2][random 32][profile 2][DER]             ServerHello (server verified the client)
 *   [22][3]                                  -->        Finished (client verified the server)
 *   [23][payload]                            &lt;-->       application data
 *   [21][level][description]                 &lt;-->       alert: 1/0 close_notify, 2/42 bad_certificate
 * </pre>
 */
public final class FakeDtlsEngine implements DtlsEngine {
  static final int HANDSHAKE = 22;
  static final int APPLICATION_DATA = 23;
  static final int ALERT = 21;
  static final int CLIENT_HELLO = 1;
  static final int SERVER_HELLO = 2;
  static final int FINISHED = 3;
  static final int CLOSE_NOTIFY = 0;
  static final int BAD_CERTIFICATE = 42;

  /** Makes fakes, for code that takes a {@link DtlsEngineFactory}. */
  public static final DtlsEngineFactory FACTORY = FakeDtlsEngine::new;

  /** Header, explicit nonce and tag of an AES-GCM DTLS 1.2 record, so limits match the real engine. */
  public static final int RECORD_OVERHEAD = 13 + 8 + 16;

  private final DtlsConfig config;
  private final ArrayDeque<ByteBuffer> transmit = new ArrayDeque<>();
  private final ArrayDeque<DtlsEvent> events = new ArrayDeque<>();
  private final Timer retransmit;
  private final byte[] localRandom = new byte[32];
  private DtlsState state = DtlsState.NEW;
  private long handshakeDeadline = Long.MAX_VALUE;
  private byte @Nullable [] lastFlight;
  private byte @Nullable [] clientRandom;
  private byte @Nullable [] serverRandom;
  private @Nullable SrtpProfile profile;
  private @Nullable Bytes remoteDer;
  private long dropped;

  public FakeDtlsEngine(DtlsConfig config) {
    this.config = config;
    long rto = TimeUnit.MILLISECONDS.toNanos(config.initialRetransmit().toMillis());
    this.retransmit = new Timer("fake-dtls-rtx", rto, Timer.Backoff.EXPONENTIAL, Timer.UNLIMITED, TimeUnit.SECONDS.toNanos(60));
    config.random().nextBytes(localRandom);
  }

  @Override
  public void start(long now) {
    if (state != DtlsState.NEW) {
      throw new IllegalStateException("already started: " + state);
    }
    state = DtlsState.CONNECTING;
    handshakeDeadline = now + config.handshakeTimeout().toNanos();
    if (config.role() == DtlsRole.CLIENT) {
      clientRandom = localRandom;
      ByteBuffer b = ByteBuffer.allocate(2 + 32 + 1 + 2 * config.srtpProfiles().size() + der().length);
      b.put((byte) HANDSHAKE).put((byte) CLIENT_HELLO).put(localRandom).put((byte) config.srtpProfiles().size());
      config.srtpProfiles().forEach(p -> b.putShort((short) p.id()));
      b.put(der());
      sendFlight(now, b.array());
    }
  }

  @Override
  public void handleDatagram(long now, ByteBuffer datagram) {
    ByteReader r = new ByteReader(datagram);
    try {
      int type = r.u8("content type");
      switch (type) {
        case HANDSHAKE -> handshake(now, r);
        case APPLICATION_DATA -> applicationData(now, r);
        case ALERT -> alert(r);
        default -> drop("unknown content type " + type);
      }
    } catch (MalformedPacketException e) {
      drop(e.getMessage());
    } finally {
      datagram.position(datagram.limit());
    }
  }

  private void handshake(long now, ByteReader r) throws MalformedPacketException {
    int msg = r.u8("handshake type");
    switch (state) {
      case NEW, CLOSED, FAILED -> drop("handshake in state " + state);
      case CONNECTING -> {
        if (config.role() == DtlsRole.SERVER && msg == CLIENT_HELLO) {
          serverReceivesHello(now, r);
        } else if (config.role() == DtlsRole.SERVER && msg == FINISHED && lastFlight != null) {
          connect();
        } else if (config.role() == DtlsRole.CLIENT && msg == SERVER_HELLO) {
          clientReceivesHello(now, r);
        } else {
          drop("unexpected handshake message " + msg);
        }
      }
      case CONNECTED -> {
        // The peer lost our last flight and retransmitted its own.
        if (config.role() == DtlsRole.SERVER && msg == CLIENT_HELLO && lastFlight != null) {
          transmit.add(ByteBuffer.wrap(lastFlight.clone()));
        } else if (config.role() == DtlsRole.CLIENT && msg == SERVER_HELLO) {
          transmit.add(ByteBuffer.wrap(new byte[] {HANDSHAKE, FINISHED}));
        } else {
          drop("handshake message " + msg + " after connected");
        }
      }
    }
  }

  private void serverReceivesHello(long now, ByteReader r) throws MalformedPacketException {
    byte[] random = r.bytes(32, "client random").toArray();
    int n = r.u8("profile count");
    List<Integer> offered = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      offered.add(r.u16("profile"));
    }
    byte[] der = r.bytes(r.remaining(), "certificate").toArray();
    if (lastFlight != null) {
      transmit.add(ByteBuffer.wrap(lastFlight.clone())); // a retransmitted ClientHello
      return;
    }
    if (!verify(der)) {
      return;
    }
    clientRandom = random;
    serverRandom = localRandom;
    profile = config.srtpProfiles().stream().filter(p -> offered.contains(p.id())).findFirst().orElse(null);
    ByteBuffer b = ByteBuffer.allocate(2 + 32 + 2 + der().length);
    b.put((byte) HANDSHAKE).put((byte) SERVER_HELLO).put(localRandom).putShort((short) (profile == null ? 0 : profile.id())).put(der());
    sendFlight(now, b.array());
  }

  private void clientReceivesHello(long now, ByteReader r) throws MalformedPacketException {
    byte[] random = r.bytes(32, "server random").toArray();
    int id = r.u16("profile");
    byte[] der = r.bytes(r.remaining(), "certificate").toArray();
    Optional<SrtpProfile> selected = SrtpProfile.fromId(id);
    if (id != 0 && (selected.isEmpty() || !config.srtpProfiles().contains(selected.get()))) {
      sendAlert(2, 47); // illegal_parameter
      fail(DtlsEvent.FailureReason.PROTOCOL_ERROR, "server selected SRTP profile " + id + " that was not offered", -1, 47);
      return;
    }
    if (!verify(der)) {
      return;
    }
    serverRandom = random;
    profile = selected.orElse(null);
    transmit.add(ByteBuffer.wrap(new byte[] {HANDSHAKE, FINISHED}));
    connect();
  }

  private boolean verify(byte[] der) {
    for (Fingerprint f : config.remoteFingerprints()) {
      if (f.matches(der)) {
        remoteDer = Bytes.of(der);
        return true;
      }
    }
    sendAlert(2, BAD_CERTIFICATE);
    fail(
        DtlsEvent.FailureReason.FINGERPRINT_MISMATCH,
        "remote certificate " + Fingerprint.of(HashFunction.SHA_256, der) + " matches none of " + config.remoteFingerprints(),
        -1,
        BAD_CERTIFICATE);
    return false;
  }

  private void connect() {
    retransmit.stop(); // the server keeps lastFlight to answer a retransmitted ClientHello
    state = DtlsState.CONNECTED;
    handshakeDeadline = Long.MAX_VALUE;
    SrtpKeyingMaterial srtp = null;
    if (profile != null) {
      srtp = new SrtpKeyingMaterial(profile, Bytes.wrapOwned(keyingMaterial(profile.keyingMaterialLength())), config.role());
    }
    events.add(new DtlsEvent.Connected(List.of(remoteDer), "FAKE_NULL_WITH_NULL_NULL", srtp));
  }

  /** Both sides derive the same bytes from the two randoms (an expansion with SHA-256, not a PRF to trust). */
  private byte[] keyingMaterial(int length) {
    byte[] out = new byte[length];
    try {
      int off = 0;
      for (int counter = 0; off < length; counter++) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("EXTRACTOR-dtls_srtp".getBytes(StandardCharsets.US_ASCII));
        md.update((byte) counter);
        md.update(clientRandom);
        md.update(serverRandom);
        byte[] block = md.digest();
        int n = Math.min(block.length, length - off);
        System.arraycopy(block, 0, out, off, n);
        off += n;
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private void applicationData(long now, ByteReader r) throws MalformedPacketException {
    if (state == DtlsState.CONNECTING && config.role() == DtlsRole.SERVER && lastFlight != null) {
      connect(); // the client's Finished was lost, but its data proves it got our flight
    }
    if (state != DtlsState.CONNECTED) {
      drop("application data in state " + state);
      return;
    }
    events.add(new DtlsEvent.ApplicationData(r.bytes(r.remaining(), "application data")));
  }

  private void alert(ByteReader r) throws MalformedPacketException {
    int level = r.u8("alert level");
    int description = r.u8("alert description");
    if (state == DtlsState.CLOSED || state == DtlsState.FAILED) {
      drop("alert after the association ended");
      return;
    }
    if (description == CLOSE_NOTIFY) {
      if (state == DtlsState.CONNECTED) {
        state = DtlsState.CLOSED;
        events.add(new DtlsEvent.Closed());
      } else {
        drop("close_notify during the handshake");
      }
    } else if (level == 2) {
      fail(DtlsEvent.FailureReason.ALERT_RECEIVED, "peer sent fatal alert " + description, description, -1);
    } else {
      drop("warning alert " + description);
    }
  }

  @Override
  public void handleTimeout(long now) {
    if (state != DtlsState.CONNECTING) {
      return;
    }
    if (now >= handshakeDeadline) {
      fail(DtlsEvent.FailureReason.TIMEOUT, "handshake timed out after " + config.handshakeTimeout(), -1, -1);
      return;
    }
    if (retransmit.expire(now) && lastFlight != null) {
      transmit.add(ByteBuffer.wrap(lastFlight.clone()));
    }
  }

  @Override
  public @Nullable ByteBuffer pollTransmit() {
    return transmit.poll();
  }

  @Override
  public @Nullable DtlsEvent pollEvent() {
    return events.poll();
  }

  @Override
  public long pollTimeout() {
    return state == DtlsState.CONNECTING ? Math.min(handshakeDeadline, retransmit.nextExpiry()) : Long.MAX_VALUE;
  }

  @Override
  public void send(ByteBuffer data) {
    if (state != DtlsState.CONNECTED) {
      throw new IllegalStateException("DTLS is " + state.w3cName() + ", not connected");
    }
    if (!data.hasRemaining()) {
      throw new IllegalArgumentException("empty application data record");
    }
    if (data.remaining() > maxApplicationDataSize()) {
      throw new IllegalArgumentException("record of " + data.remaining() + " bytes exceeds the limit of " + maxApplicationDataSize());
    }
    ByteBuffer b = ByteBuffer.allocate(1 + data.remaining());
    b.put((byte) APPLICATION_DATA).put(data).flip();
    transmit.add(b);
  }

  @Override
  public int maxApplicationDataSize() {
    return state == DtlsState.CONNECTED ? config.mtu() - RECORD_OVERHEAD : 0;
  }

  @Override
  public void close() {
    if (state == DtlsState.CONNECTED) {
      sendAlert(1, CLOSE_NOTIFY);
    }
    if (state != DtlsState.FAILED) {
      state = DtlsState.CLOSED;
    }
    retransmit.stop();
  }

  @Override
  public DtlsState state() {
    return state;
  }

  @Override
  public long droppedDatagrams() {
    return dropped;
  }

  private void sendFlight(long now, byte[] flight) {
    lastFlight = flight;
    transmit.add(ByteBuffer.wrap(flight.clone()));
    retransmit.start(now);
  }

  private void sendAlert(int level, int description) {
    transmit.add(ByteBuffer.wrap(new byte[] {ALERT, (byte) level, (byte) description}));
  }

  private void fail(DtlsEvent.FailureReason reason, String message, int receivedAlert, int sentAlert) {
    state = DtlsState.FAILED;
    retransmit.stop();
    events.add(new DtlsEvent.Failed(reason, message, receivedAlert, sentAlert));
  }

  private void drop(String why) {
    dropped++;
    System.getLogger(FakeDtlsEngine.class.getName()).log(System.Logger.Level.DEBUG, "fake DTLS dropped a datagram: {0}", why);
  }

  private byte[] der() {
    return config.certificate().der().toArray();
  }
}
