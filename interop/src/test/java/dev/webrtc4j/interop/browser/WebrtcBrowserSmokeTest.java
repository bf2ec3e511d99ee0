package dev.webrtc4j.interop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCIceGatheringState;
import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.RTCSdpType;
import dev.webrtc4j.RTCSessionDescription;
import dev.webrtc4j.RTCSessionDescriptionInit;
import dev.webrtc4j.interop.browser.BrowserPeer.Browser;
import dev.webrtc4j.interop.browser.BrowserPeer.Description;
import dev.webrtc4j.spi.Settings;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * webrtc4j against a real browser, both roles, complete descriptions: a data channel message each
 * way. A smoke test of the wiring; the interop suite (interop/run-suite.sh) has the full cases.
 * Runs only inside a loopback-only network namespace, like {@link BrowserHarnessTest}.
 */
@EnabledIf(value = "dev.webrtc4j.interop.browser.LoopbackNamespace#isLoopbackOnly",
    disabledReason = "not in a loopback-only network namespace (interop/browsers/run-in-netns.sh)")
class WebrtcBrowserSmokeTest {
  private static BrowserPeer chrome;
  private static BrowserPeer firefox;

  @BeforeAll
  static void start() throws Exception {
    Path dir = BrowserPeer.defaultDriverDir();
    chrome = BrowserPeer.start(Browser.CHROME, dir);
    firefox = BrowserPeer.start(Browser.FIREFOX, dir);
  }

  @AfterAll
  static void stop() {
    if (chrome != null) chrome.close();
    if (firefox != null) firefox.close();
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  private static RTCPeerConnection webrtc4j() {
    return new RTCPeerConnection(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().build());
  }

  private static String complete(RTCPeerConnection pc) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pc.setOnIceGatheringStateChange(e -> {
      if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
        done.complete(null);
      }
    });
    if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
      done.complete(null);
    }
    await(done);
    return pc.localDescription().orElseThrow().sdp();
  }

  @Test
  void chromiumOffersWebrtc4jAnswers() throws Exception {
    browserOffers(chrome, "c1");
  }

  @Test
  void firefoxOffersWebrtc4jAnswers() throws Exception {
    browserOffers(firefox, "f1");
  }

  @Test
  void webrtc4jOffersChromiumAnswers() throws Exception {
    webrtc4jOffers(chrome, "c2");
  }

  @Test
  void webrtc4jOffersFirefoxAnswers() throws Exception {
    webrtc4jOffers(firefox, "f2");
  }

  private void browserOffers(BrowserPeer browser, String id) throws Exception {
    browser.newPc(id);
    browser.createDataChannel(id, "smoke");
    Description offer = browser.offer(id);
    try (RTCPeerConnection pc = webrtc4j()) {
      CompletableFuture<String> got = new CompletableFuture<>();
      pc.setOnDataChannel(e -> {
        RTCDataChannel ch = e.channel();
        ch.setOnMessage(m -> {
          String text = ((MessageEvent.Text) m.data()).text();
          got.complete(text);
          ch.send("echo:" + text);
        });
      });
      await(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, offer.sdp())));
      await(pc.setLocalDescription());
      browser.setRemote(id, new Description("answer", complete(pc)));
      browser.waitChannelOpen(id, "smoke");
      browser.send(id, "smoke", "hello from " + browser.browser());
      assertThat(await(got)).isEqualTo("hello from " + browser.browser());
      assertThat(browser.waitMessage(id, "smoke")).isEqualTo("echo:hello from " + browser.browser());
      browser.closePc(id);
    }
  }

  private void webrtc4jOffers(BrowserPeer browser, String id) throws Exception {
    try (RTCPeerConnection pc = webrtc4j()) {
      RTCDataChannel ch = pc.createDataChannel("smoke");
      CompletableFuture<Void> open = new CompletableFuture<>();
      CompletableFuture<String> got = new CompletableFuture<>();
      ch.setOnOpen(e -> open.complete(null));
      ch.setOnMessage(m -> got.complete(((MessageEvent.Text) m.data()).text()));
      await(pc.setLocalDescription());
      browser.newPc(id);
      Description answer = browser.answer(id, new Description("offer", complete(pc)));
      await(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.ANSWER, answer.sdp())));
      await(open);
      browser.waitChannelOpen(id, "smoke");
      ch.send("hello " + browser.browser());
      assertThat(browser.waitMessage(id, "smoke")).isEqualTo("hello " + browser.browser());
      browser.send(id, "smoke", "back");
      assertThat(await(got)).isEqualTo("back");
      browser.closePc(id);
    }
  }
}
