package dev.webrtc4j;

import dev.webrtc4j.spi.Settings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The second process of {@link IceTwoProcessTest}: an answering RTCPeerConnection signalled over
 * stdin/stdout, one JSON object per line. In: the offer ({@code {"type":"offer","sdp":...}}), the
 * parent's candidates ({@code RTCIceCandidateInit.toJsonString}, an empty candidate for
 * end-of-candidates), and {@code {"bye":true}}. Out: the answer, our candidates, {@code
 * {"status":"connected"}} and {@code {"status":"closed"}}. Its data channel answers each message
 * with "echo:" + the message. Exits 0 after bye; a watchdog ends it with 3 after 120 s whatever
 * happens, so a lost parent never leaves it behind.
 */
public final class IceChildPeer {
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private static final List<String> held = new ArrayList<>();
  private static boolean answerSent;

  private IceChildPeer() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(120));
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("child: watchdog expired");
      Runtime.getRuntime().halt(3);
    });
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().build());
    // Our candidates go out after the answer (the parent applies them once it has it).
    pc.setOnIceCandidate(e -> send(e.candidate().map(c -> c.toJSON())
        .orElseGet(() -> RTCIceCandidateInit.builder().sdpMid("0").build()).toJsonString()));
    pc.setOnConnectionStateChange(e -> {
      if (pc.connectionState() == RTCPeerConnectionState.CONNECTED) {
        send("{\"status\":\"connected\"}");
      }
    });
    pc.setOnDataChannel(e -> {
      RTCDataChannel ch = e.channel();
      ch.setOnMessage(m -> ch.send("echo:" + ((MessageEvent.Text) m.data()).text()));
    });
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      Map<String, Object> m = Json.parseObject(line);
      if (m.containsKey("sdp")) {
        RTCSessionDescriptionInit offer = RTCSessionDescriptionInit.fromJson(line);
        get(pc.setRemoteDescription(offer));
        RTCSessionDescription answer = get(pc.createAnswer());
        get(pc.setLocalDescription(answer));
        sendAnswer(answer.toJSON().toJsonString());
      } else if (m.containsKey("candidate")) {
        get(pc.addIceCandidate(RTCIceCandidateInit.fromJson(line)));
      } else if (m.containsKey("bye")) {
        break;
      }
    }
    pc.close();
    boolean ended = pc.awaitTermination(10, TimeUnit.SECONDS);
    send("{\"status\":\"closed\"}");
    watchdog.interrupt();
    System.exit(ended ? 0 : 4);
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  private static synchronized void send(String line) {
    if (answerSent) {
      OUT.println(line);
    } else {
      held.add(line);
    }
  }

  private static synchronized void sendAnswer(String line) {
    OUT.println(line);
    answerSent = true;
    held.forEach(OUT::println);
    held.clear();
  }
}
