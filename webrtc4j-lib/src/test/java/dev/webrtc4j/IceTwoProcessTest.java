package dev.webrtc4j;

import static dev.webrtc4j.IceSupport.connected;
import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3 across two JVMs: this test offers, a child process ({@link IceChildPeer}, same java
 * binary and class path, the network guard on) answers; signalling is JSON lines over the child's
 * stdin/stdout. Both connect on loopback, a data channel message goes there and back, and the
 * child exits cleanly when told to.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class IceTwoProcessTest {
  @RegisterExtension final IceSupport ice = new IceSupport();

  @Test
  void anOfferAndAnAnswerInTwoProcessesConnect() throws Exception {
    Path stderr = Files.createTempFile("ice-child", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-D" + dev.webrtc4j.internal.io.NetworkGuard.PROPERTY + "=loopback", IceChildPeer.class.getName())
        .redirectError(stderr.toFile())
        .start();
    try {
      run(child, stderr);
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private void run(Process child, Path stderr) throws Exception {
    PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
    BlockingQueue<String> fromChild = new LinkedBlockingQueue<>();
    Thread.ofPlatform().daemon().name("child-stdout").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          fromChild.add(line);
        }
      } catch (IOException e) {
        fromChild.add("{\"eof\":\"" + e + "\"}");
      }
      fromChild.add("{\"eof\":\"end of stream\"}");
    });

    RTCPeerConnection pc = ice.create(RTCConfiguration.DEFAULT).pc();
    // Candidates go out after the offer, in order, from one place.
    List<String> held = new ArrayList<>();
    boolean[] offerSent = {false};
    pc.setOnIceCandidate(e -> {
      String line = e.candidate().map(RTCIceCandidate::toJSON)
          .orElseGet(() -> RTCIceCandidateInit.builder().sdpMid("0").build()).toJsonString();
      synchronized (held) {
        if (offerSent[0]) {
          toChild.println(line);
        } else {
          held.add(line);
        }
      }
    });
    CompletableFuture<Void> up = connected(pc);
    RTCDataChannel dc = pc.createDataChannel("two-process");
    CompletableFuture<String> echo = new CompletableFuture<>();
    dc.setOnOpen(e -> dc.send("hello child"));
    dc.setOnMessage(m -> echo.complete(((MessageEvent.Text) m.data()).text()));

    RTCSessionDescription offer = await(pc.createOffer());
    await(pc.setLocalDescription(offer));
    synchronized (held) {
      toChild.println(offer.toJSON().toJsonString());
      offerSent[0] = true;
      held.forEach(toChild::println);
      held.clear();
    }

    boolean childConnected = false;
    boolean answered = false;
    List<CompletableFuture<Void>> added = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(childConnected && answered)) {
      String line = fromChild.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no progress within 60 s (connected=" + childConnected + ", answered=" + answered
            + ", ours " + pc.connectionState() + "); child stderr:\n" + Files.readString(stderr));
      }
      if (line.isEmpty()) {
        continue;
      }
      Map<String, Object> m = Json.parseObject(line);
      if (m.containsKey("eof")) {
        throw new AssertionError("child ended early: " + m + "; exit " + child.waitFor(5, TimeUnit.SECONDS)
            + "; stderr:\n" + Files.readString(stderr));
      } else if (m.containsKey("sdp")) {
        RTCSessionDescriptionInit answer = RTCSessionDescriptionInit.fromJson(line);
        assertThat(answer.type()).isEqualTo(RTCSdpType.ANSWER);
        await(pc.setRemoteDescription(answer));
        answered = true;
      } else if (m.containsKey("candidate")) {
        added.add(pc.addIceCandidate(RTCIceCandidateInit.fromJson(line)));
      } else if ("connected".equals(m.get("status"))) {
        childConnected = true;
      }
    }
    await(up);
    assertThat(await(echo)).isEqualTo("echo:hello child");
    added.forEach(Peers::await);
    assertThat(added).as("the child's candidates").isNotEmpty();
    RTCIceCandidatePair pair = pc.sctp().orElseThrow().transport().iceTransport().getSelectedCandidatePair().orElseThrow();
    assertThat(java.net.InetAddress.getByName(pair.remote().address().orElseThrow()).isLoopbackAddress()).isTrue();

    toChild.println("{\"bye\":true}");
    String last;
    do {
      last = fromChild.poll(15, TimeUnit.SECONDS);
      assertThat(last).as("the child's closing status").isNotNull();
    } while (!last.contains("\"status\":\"closed\"") && !last.contains("eof"));
    assertThat(last).contains("closed");
    assertThat(child.waitFor(15, TimeUnit.SECONDS)).as("child exited").isTrue();
    assertThat(child.exitValue()).as("child exit code; stderr:\n%s", Files.readString(stderr)).isZero();
  }
}
