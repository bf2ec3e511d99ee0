package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.webrtc4j.internal.util.Bytes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BouncyCastle engine against {@code openssl s_server -dtls1_2} and {@code s_client} on
 * 127.0.0.1, driven from a DatagramSocket in the test (the engine itself never touches sockets).
 * Checks the handshake with mutual certificates, the SRTP profile and the exported keying material
 * against what OpenSSL prints, the key log line against OpenSSL's, and data both ways.
 */
class OpenSslInteropTest {
  static final Path OPENSSL = Path.of("/usr/bin/openssl");
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** One openssl process and the lines it printed. */
  static final class OpenSsl implements AutoCloseable {
    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final Thread reader;

    OpenSsl(List<String> command) throws IOException {
      this(command, java.util.Map.of());
    }

    OpenSsl(List<String> command, java.util.Map<String, String> env) throws IOException {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      process = pb.start();
      reader =
          Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
              for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
              }
            } catch (IOException e) {
              lines.add("(read failed: " + e + ")");
            }
          });
    }

    String output() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }

    void write(String s) throws IOException {
      OutputStream in = process.getOutputStream();
      in.write(s.getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      reader.join(Duration.ofSeconds(5));
    }
  }

  /** Moves datagrams between the engine and the socket until {@code done}; fails after the timeout. */
  static void drive(DtlsEngine engine, DatagramSocket socket, SocketAddress[] peer, List<DtlsEvent> events, BooleanSupplier done, Duration timeout, OpenSsl openssl)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[65535];
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; engine " + engine.state() + " " + events + "\nopenssl said:\n" + openssl.output());
      }
      for (ByteBuffer out; (out = engine.pollTransmit()) != null; ) {
        if (peer[0] != null) {
          byte[] b = new byte[out.remaining()];
          out.get(b);
          socket.send(new DatagramPacket(b, b.length, peer[0]));
        }
      }
      for (DtlsEvent e; (e = engine.pollEvent()) != null; ) {
        events.add(e);
      }
      if (done.getAsBoolean()) {
        break;
      }
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        engine.handleTimeout(System.nanoTime());
        continue;
      }
      InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
      assertThat(from.getAddress().isLoopbackAddress()).isTrue();
      peer[0] = from;
      engine.handleDatagram(System.nanoTime(), ByteBuffer.wrap(buf, 0, p.getLength()));
    }
    for (DtlsEvent e; (e = engine.pollEvent()) != null; ) {
      events.add(e);
    }
  }

  static Fingerprint fingerprintOf(Path pem) throws IOException {
    String text = Files.readString(pem);
    return DtlsCertificate.fromPem(text, Files.readString(pem.resolveSibling(pem.getFileName().toString().replace("cert", "key")))).sha256Fingerprint();
  }

  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return s.getLocalPort();
    }
  }

  static String keyingMaterialPrinted(String output) {
    Matcher m = Pattern.compile("Keying material: ([0-9A-Fa-f]+)").matcher(output);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
  }

  @Test
  void handshakesAsClientWithOpensslServer(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    DtlsCertificate ours = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    DtlsCertificate theirs = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    Path cert = Files.writeString(dir.resolve("cert.pem"), theirs.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), theirs.privateKeyPem());
    Path keylog = dir.resolve("openssl-keys.log");
    int port = freeUdpPort();
    List<String> keyLines = Collections.synchronizedList(new ArrayList<>());
    try (OpenSsl server =
            new OpenSsl(List.of(OPENSSL.toString(), "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port, "-cert", cert.toString(),
                "-key", key.toString(), "-Verify", "1", "-use_srtp", "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80",
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "56", "-mtu", "1200", "-keylogfile", keylog.toString(),
                "-naccept", "1"));
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      socket.setSoTimeout(20);
      DtlsEngine engine =
          DtlsEngine.create(
              DtlsConfig.of(DtlsRole.CLIENT, ours, List.of(theirs.sha256Fingerprint()), EnginePair.RANDOM)
                  .withSrtpProfiles(List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80))
                  .withInitialRetransmit(Duration.ofMillis(200))
                  .withKeyLog(keyLines::add));
      List<DtlsEvent> events = new ArrayList<>();
      SocketAddress[] peer = {new InetSocketAddress(LOOPBACK, port)};
      try {
        // Until s_server listens, the ClientHello is lost and retransmitted.
        engine.start(System.nanoTime());
        drive(engine, socket, peer, events, () -> engine.state() != DtlsState.CONNECTING, Duration.ofSeconds(20), server);
        assertThat(engine.state()).as("%s\n%s", events, server.output()).isEqualTo(DtlsState.CONNECTED);
        DtlsEvent.Connected connected = (DtlsEvent.Connected) events.getFirst();
        assertThat(connected.remoteCertificates().getFirst()).isEqualTo(theirs.der());
        assertThat(connected.srtpProfile()).contains(SrtpProfile.AEAD_AES_128_GCM);

        engine.send(ByteBuffer.wrap("hello openssl\n".getBytes(StandardCharsets.UTF_8)));
        server.write("hello java\n");
        drive(engine, socket, peer, events,
            () -> server.output().contains("hello openssl") && events.stream().anyMatch(e -> e instanceof DtlsEvent.ApplicationData),
            Duration.ofSeconds(10), server);
        DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream().filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
        assertThat(new String(data.data().toArray(), StandardCharsets.UTF_8)).isEqualTo("hello java\n");

        String out = server.output();
        assertThat(out).contains("SRTP_AEAD_AES_128_GCM");
        assertThat(keyingMaterialPrinted(out)).isEqualTo(connected.srtp().material().toHex());
        assertThat(keyLines).hasSize(1);
        assertThat(Files.readAllLines(keylog).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()).contains(keyLines.getFirst().toLowerCase(Locale.ROOT));
      } finally {
        engine.close();
        for (ByteBuffer out; (out = engine.pollTransmit()) != null; ) {
          byte[] b = new byte[out.remaining()];
          out.get(b);
          socket.send(new DatagramPacket(b, b.length, peer[0]));
        }
        assertThat(((BcDtlsEngine) engine).awaitHandshakeEnd(Duration.ofSeconds(5))).isTrue();
      }
    }
  }

  /** A client engine against {@code s_server} with extra arguments; returns the engine's events. */
  static List<DtlsEvent> clientAgainst(Path dir, DtlsCertificate theirs, List<String> serverArgs, java.util.Map<String, String> env, String message)
      throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), theirs.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), theirs.privateKeyPem());
    int port = freeUdpPort();
    List<String> command = new ArrayList<>(List.of(OPENSSL.toString(), "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
        "-cert", cert.toString(), "-key", key.toString(), "-Verify", "1", "-mtu", "1200", "-naccept", "1"));
    command.addAll(serverArgs);
    DtlsCertificate ours = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    List<DtlsEvent> events = new ArrayList<>();
    try (OpenSsl server = new OpenSsl(command, env);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      socket.setSoTimeout(20);
      DtlsEngine engine =
          DtlsEngine.create(DtlsConfig.of(DtlsRole.CLIENT, ours, List.of(theirs.sha256Fingerprint()), EnginePair.RANDOM)
              .withInitialRetransmit(Duration.ofMillis(200)));
      SocketAddress[] peer = {new InetSocketAddress(LOOPBACK, port)};
      try {
        engine.start(System.nanoTime());
        drive(engine, socket, peer, events, () -> engine.state() != DtlsState.CONNECTING, Duration.ofSeconds(20), server);
        if (engine.state() == DtlsState.CONNECTED) {
          engine.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
          server.write("reply " + message.length() + "\n");
          drive(engine, socket, peer, events,
              () -> server.output().contains(message.strip()) && events.stream().anyMatch(e -> e instanceof DtlsEvent.ApplicationData),
              Duration.ofSeconds(10), server);
        }
      } finally {
        engine.close();
        for (ByteBuffer out; (out = engine.pollTransmit()) != null; ) {
          byte[] b = new byte[out.remaining()];
          out.get(b);
          socket.send(new DatagramPacket(b, b.length, peer[0]));
        }
        assertThat(((BcDtlsEngine) engine).awaitHandshakeEnd(Duration.ofSeconds(5))).isTrue();
      }
    }
    return events;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "ECDHE-ECDSA-AES128-GCM-SHA256, ecdsa, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384, ecdsa, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "ECDHE-ECDSA-AES128-SHA, ecdsa, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    "ECDHE-ECDSA-AES256-SHA, ecdsa, TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    "ECDHE-RSA-AES128-GCM-SHA256, rsa, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384, rsa, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "ECDHE-RSA-AES128-SHA, rsa, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
  })
  void negotiatesEachBrowserCipherSuiteWithOpenssl(String opensslCipher, String keyType, String expected, @TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    DtlsCertificate theirs = keyType.equals("rsa") ? EnginePair.rsaCertificate() : DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    // Long enough to span several CBC blocks and odd enough to need padding.
    String message = "payload-" + expected + "-" + "x".repeat(997) + "\n";
    List<DtlsEvent> events = clientAgainst(dir, theirs, List.of("-cipher", opensslCipher), java.util.Map.of(), message);
    assertThat(events.getFirst()).isInstanceOf(DtlsEvent.Connected.class);
    assertThat(((DtlsEvent.Connected) events.getFirst()).cipherSuite()).isEqualTo(expected);
    DtlsEvent.ApplicationData reply = (DtlsEvent.ApplicationData) events.stream().filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
    assertThat(new String(reply.data().toArray(), StandardCharsets.UTF_8)).isEqualTo("reply " + message.length() + "\n");
  }

  /**
   * The record limit the engine reports for each suite we can negotiate (the SCTP MTU is set to it
   * once DTLS is connected) is what the suite really costs, and a record of exactly that size is a
   * datagram no larger than the DTLS MTU that OpenSSL decodes. AES-GCM: 13 header + 8 explicit
   * nonce + 16 tag = 37. AES-CBC-SHA1: 13 header + 16 IV + 20 MAC + 1..16 padding, the padding
   * cut to whole blocks either after the MAC (1147 of 1200) or, with encrypt_then_mac, before it
   * (1135): 65 bytes, more than the 64 once reserved for every suite, so that a full 1136-byte
   * SCTP packet did not fit a CBC record and was dropped.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "ECDHE-ECDSA-AES128-GCM-SHA256, ecdsa, 1163",
    "ECDHE-ECDSA-AES256-GCM-SHA384, ecdsa, 1163",
    "ECDHE-ECDSA-AES128-SHA, ecdsa, 1135",
    "ECDHE-ECDSA-AES256-SHA, ecdsa, 1135",
    "ECDHE-RSA-AES128-GCM-SHA256, rsa, 1163",
    "ECDHE-RSA-AES256-GCM-SHA384, rsa, 1163",
    "ECDHE-RSA-AES128-SHA, rsa, 1135",
  })
  void aFullRecordOfEachSuiteFitsTheDtlsMtu(String opensslCipher, String keyType, int expectedLimit, @TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    int mtu = 1200;
    DtlsCertificate theirs = keyType.equals("rsa") ? EnginePair.rsaCertificate() : DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    Path cert = Files.writeString(dir.resolve("cert.pem"), theirs.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), theirs.privateKeyPem());
    int port = freeUdpPort();
    DtlsCertificate ours = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    try (OpenSsl server = new OpenSsl(List.of(OPENSSL.toString(), "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
            "-cert", cert.toString(), "-key", key.toString(), "-Verify", "1", "-mtu", Integer.toString(mtu), "-naccept", "1",
            "-cipher", opensslCipher));
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      socket.setSoTimeout(20);
      DtlsEngine engine = DtlsEngine.create(DtlsConfig.of(DtlsRole.CLIENT, ours, List.of(theirs.sha256Fingerprint()), EnginePair.RANDOM)
          .withMtu(mtu).withInitialRetransmit(Duration.ofMillis(200)));
      List<DtlsEvent> events = new ArrayList<>();
      SocketAddress[] peer = {new InetSocketAddress(LOOPBACK, port)};
      try {
        engine.start(System.nanoTime());
        drive(engine, socket, peer, events, () -> engine.state() != DtlsState.CONNECTING, Duration.ofSeconds(20), server);
        assertThat(engine.state()).as("%s\n%s", events, server.output()).isEqualTo(DtlsState.CONNECTED);
        int limit = engine.maxApplicationDataSize();
        String suite = ((DtlsEvent.Connected) events.getFirst()).cipherSuite();
        // OpenSSL agrees to the encrypt_then_mac BouncyCastle offers for CBC suites.
        assertThat(limit).as(suite).isEqualTo(expectedLimit);
        assertThat(mtu - limit).as("overhead of %s", suite).isLessThanOrEqualTo(65);
        byte[] full = ("full-record " + "z".repeat(limit)).substring(0, limit - 1).concat("\n").getBytes(StandardCharsets.US_ASCII);
        engine.send(ByteBuffer.wrap(full));
        ByteBuffer record = engine.pollTransmit();
        assertThat(record).isNotNull();
        assertThat(record.remaining()).as("datagram of a full %s record", suite).isLessThanOrEqualTo(mtu).isGreaterThan(mtu - 17);
        assertThat(engine.pollTransmit()).isNull(); // one record, one datagram
        byte[] b = new byte[record.remaining()];
        record.get(b);
        socket.send(new DatagramPacket(b, b.length, peer[0]));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.send(ByteBuffer.allocate(limit + 1)))
            .isInstanceOf(IllegalArgumentException.class);
        drive(engine, socket, peer, events, () -> server.output().contains("full-record zzz"), Duration.ofSeconds(10), server);
      } finally {
        engine.close();
        for (ByteBuffer out; (out = engine.pollTransmit()) != null; ) {
          byte[] b = new byte[out.remaining()];
          out.get(b);
          socket.send(new DatagramPacket(b, b.length, peer[0]));
        }
        assertThat(((BcDtlsEngine) engine).awaitHandshakeEnd(Duration.ofSeconds(5))).isTrue();
      }
    }
  }

  /** ChaCha20-Poly1305 is not offered on the JDK provider (see JdkJcaHelper): a ChaCha-only server refuses us. */
  @Test
  void chachaOnlyServerFindsNoCommonSuite(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    List<DtlsEvent> events = clientAgainst(dir, DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM),
        List.of("-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305"), java.util.Map.of(), "x\n");
    DtlsEvent.Failed failed = (DtlsEvent.Failed) events.getFirst();
    assertThat(failed.receivedAlertDescription()).hasValue(org.bouncycastle.tls.AlertDescription.handshake_failure);
  }

  @Test
  void refusesAServerWithoutExtendedMasterSecret(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    Path conf = Files.writeString(dir.resolve("openssl.cnf"), """
        openssl_conf = openssl_init
        [openssl_init]
        ssl_conf = ssl_sect
        [ssl_sect]
        system_default = system_default_sect
        [system_default_sect]
        Options = -ExtendedMasterSecret
        """);
    List<DtlsEvent> events =
        clientAgainst(dir, DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM), List.of(), java.util.Map.of("OPENSSL_CONF", conf.toString()), "x\n");
    // RFC 7627 §5.3: a client that requires the extension aborts when the server does not echo it.
    DtlsEvent.Failed failed = (DtlsEvent.Failed) events.getFirst();
    assertThat(failed.reason()).isEqualTo(DtlsEvent.FailureReason.PROTOCOL_ERROR);
    assertThat(failed.sentAlertDescription()).hasValue(org.bouncycastle.tls.AlertDescription.handshake_failure);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "ECDHE-ECDSA-AES256-GCM-SHA384, ecdsa, 1200, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "ECDHE-ECDSA-AES128-SHA, ecdsa, 1200, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    "ECDHE-RSA-AES128-GCM-SHA256, rsa, 400, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
  })
  void servesEachSuiteAndSmallMtusToOpensslClients(String opensslCipher, String keyType, int mtu, String expected, @TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    DtlsCertificate ours = keyType.equals("rsa") ? EnginePair.rsaCertificate() : DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    DtlsCertificate theirs = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    Path cert = Files.writeString(dir.resolve("cert.pem"), theirs.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), theirs.privateKeyPem());
    List<Integer> sizes = new ArrayList<>();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      socket.setSoTimeout(20);
      DtlsEngine engine = DtlsEngine.create(DtlsConfig.of(DtlsRole.SERVER, ours, List.of(theirs.sha256Fingerprint()), EnginePair.RANDOM).withMtu(mtu));
      engine.start(System.nanoTime());
      List<DtlsEvent> events = new ArrayList<>();
      SocketAddress[] peer = {null};
      try (OpenSsl client =
          new OpenSsl(List.of(OPENSSL.toString(), "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
              "-cert", cert.toString(), "-key", key.toString(), "-cipher", opensslCipher, "-mtu", Integer.toString(mtu)))) {
        try {
          drive(engine, socket, peer, events, () -> engine.state() != DtlsState.CONNECTING, Duration.ofSeconds(20), client);
          assertThat(engine.state()).as("%s\n%s", events, client.output()).isEqualTo(DtlsState.CONNECTED);
          assertThat(((DtlsEvent.Connected) events.getFirst()).cipherSuite()).isEqualTo(expected);
          String line = "from openssl " + "y".repeat(Math.min(300, engine.maxApplicationDataSize() - 20)) + "\n";
          client.write(line);
          drive(engine, socket, peer, events, () -> events.stream().anyMatch(e -> e instanceof DtlsEvent.ApplicationData), Duration.ofSeconds(10), client);
          DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream().filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
          assertThat(new String(data.data().toArray(), StandardCharsets.UTF_8)).isEqualTo(line);
          engine.send(ByteBuffer.wrap("to openssl\n".getBytes(StandardCharsets.UTF_8)));
          drive(engine, socket, peer, events, () -> client.output().contains("to openssl"), Duration.ofSeconds(10), client);
        } finally {
          engine.close();
          for (ByteBuffer out; (out = engine.pollTransmit()) != null; ) {
            if (peer[0] != null) {
              byte[] b = new byte[out.remaining()];
              out.get(b);
              socket.send(new DatagramPacket(b, b.length, peer[0]));
            }
          }
          assertThat(((BcDtlsEngine) engine).awaitHandshakeEnd(Duration.ofSeconds(5))).isTrue();
        }
      }
    }
  }

  /** WebRTC authenticates both ends (RFC 8827 §6.5): a client that sends no certificate is refused. */
  @Test
  void serverRefusesAClientWithoutCertificate() throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    DtlsCertificate ours = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    DtlsCertificate someone = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      socket.setSoTimeout(20);
      DtlsEngine engine = DtlsEngine.create(DtlsConfig.of(DtlsRole.SERVER, ours, List.of(someone.sha256Fingerprint()), EnginePair.RANDOM));
      engine.start(System.nanoTime());
      List<DtlsEvent> events = new ArrayList<>();
      SocketAddress[] peer = {null};
      try (OpenSsl client = new OpenSsl(List.of(OPENSSL.toString(), "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort()))) {
        try {
          drive(engine, socket, peer, events, () -> engine.state() != DtlsState.CONNECTING, Duration.ofSeconds(20), client);
          DtlsEvent.Failed failed = (DtlsEvent.Failed) events.getFirst();
          assertThat(failed.reason()).isEqualTo(DtlsEvent.FailureReason.PROTOCOL_ERROR);
          assertThat(failed.sentAlertDescription()).hasValue(org.bouncycastle.tls.AlertDescription.handshake_failure);
        } finally {
          engine.close();
          assertThat(((BcDtlsEngine) engine).awaitHandshakeEnd(Duration.ofSeconds(5))).isTrue();
        }
      }
    }
  }

  @Test
  void handshakesAsServerWithOpensslClient(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    DtlsCertificate ours = EnginePair.rsaCertificate();
    DtlsCertificate theirs = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    Path cert = Files.writeString(dir.resolve("cert.pem"), theirs.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), theirs.privateKeyPem());
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      socket.setSoTimeout(20);
      DtlsEngine engine =
          DtlsEngine.create(DtlsConfig.of(DtlsRole.SERVER, ours, List.of(theirs.sha256Fingerprint()), EnginePair.RANDOM));
      engine.start(System.nanoTime());
      List<DtlsEvent> events = new ArrayList<>();
      SocketAddress[] peer = {null};
      try (OpenSsl client =
          new OpenSsl(List.of(OPENSSL.toString(), "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
              "-cert", cert.toString(), "-key", key.toString(), "-use_srtp", "SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_256_GCM",
              "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "60", "-mtu", "1200"))) {
        try {
          drive(engine, socket, peer, events, () -> engine.state() != DtlsState.CONNECTING, Duration.ofSeconds(20), client);
          assertThat(engine.state()).as("%s\n%s", events, client.output()).isEqualTo(DtlsState.CONNECTED);
          DtlsEvent.Connected connected = (DtlsEvent.Connected) events.getFirst();
          assertThat(connected.remoteCertificates().getFirst()).isEqualTo(theirs.der());
          assertThat(connected.cipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_AES_");
          // Our server prefers AES-256-GCM SRTP, which the client offered second.
          assertThat(connected.srtpProfile()).contains(SrtpProfile.AEAD_AES_256_GCM);
          client.write("ping from openssl\n");
          drive(engine, socket, peer, events, () -> events.stream().anyMatch(e -> e instanceof DtlsEvent.ApplicationData), Duration.ofSeconds(10), client);
          engine.send(ByteBuffer.wrap("pong from java\n".getBytes(StandardCharsets.UTF_8)));
          drive(engine, socket, peer, events, () -> client.output().contains("pong from java"), Duration.ofSeconds(10), client);
          assertThat(client.output()).contains("SRTP_AEAD_AES_256_GCM");
          // s_client prints the keying material of a 60-byte export; ours is 88 bytes for AES-256-GCM,
          // and an export's first bytes do not depend on its length (RFC 5705 via the TLS PRF).
          assertThat(connected.srtp().material().toHex()).startsWith(keyingMaterialPrinted(client.output()));
          assertThat(keyingMaterialPrinted(client.output())).hasSize(120);
          DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream().filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
          assertThat(data.data()).isEqualTo(Bytes.of("ping from openssl\n".getBytes(StandardCharsets.UTF_8)));
        } finally {
          engine.close();
          for (ByteBuffer out; (out = engine.pollTransmit()) != null; ) {
            if (peer[0] != null) {
              byte[] b = new byte[out.remaining()];
              out.get(b);
              socket.send(new DatagramPacket(b, b.length, peer[0]));
            }
          }
          assertThat(((BcDtlsEngine) engine).awaitHandshakeEnd(Duration.ofSeconds(5))).isTrue();
        }
      }
    }
  }
}
