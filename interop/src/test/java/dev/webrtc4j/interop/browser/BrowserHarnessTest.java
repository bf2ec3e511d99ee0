package dev.webrtc4j.interop.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.interop.browser.BrowserPeer.Browser;
import dev.webrtc4j.interop.browser.BrowserPeer.Description;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The browser harness from Java, end to end, with no webrtc4j peer yet: Chromium and Firefox
 * connect through SDP relayed by this JVM and pass data channel messages. It runs only inside a
 * loopback-only network namespace, and is skipped elsewhere (the plain {@code ./mvnw verify}):
 *
 * <pre>
 * ./mvnw -B verify                                      # once, outside (fills ~/.m2)
 * interop/browsers/run-in-netns.sh -- ./mvnw -B -o -pl interop -am test \
 *     -Dtest=BrowserHarnessTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIf(value = "dev.webrtc4j.interop.browser.LoopbackNamespace#isLoopbackOnly",
    disabledReason = "not in a loopback-only network namespace (interop/browsers/run-in-netns.sh)")
@SuppressWarnings("unchecked")
class BrowserHarnessTest {
  private static final Pattern CANDIDATE = Pattern.compile("(?m)^a=candidate:\\S+ \\d+ \\S+ \\d+ (\\S+) ");
  private static BrowserPeer chrome;
  private static BrowserPeer firefox;

  @BeforeAll
  static void startBrowsers() throws Exception {
    Path dir = BrowserPeer.defaultDriverDir();
    chrome = BrowserPeer.start(Browser.CHROME, dir);
    firefox = BrowserPeer.start(Browser.FIREFOX, dir);
  }

  @AfterAll
  static void stopBrowsers() {
    if (chrome != null) chrome.close();
    if (firefox != null) firefox.close();
  }

  @Test
  void chromiumAndFirefoxExchangeDataChannelMessagesOverLoopback() {
    chrome.newPc("a");
    chrome.createDataChannel("a", "java");
    Description offer = chrome.offer("a");
    assertOnlyLoopbackCandidates(offer);
    firefox.newPc("b");
    Description answer = firefox.answer("b", offer);
    assertOnlyLoopbackCandidates(answer);
    chrome.setRemote("a", answer);

    chrome.waitChannelOpen("a", "java");
    firefox.waitChannelOpen("b", "java");
    chrome.send("a", "java", "from chrome via java");
    assertThat(firefox.waitMessage("b", "java")).isEqualTo("from chrome via java");
    firefox.send("b", "java", "from firefox via java");
    assertThat(chrome.waitMessage("a", "java")).isEqualTo("from firefox via java");
    assertThat(chrome.state("a").get("connectionState")).isEqualTo("connected");

    chrome.closePc("a");
    firefox.closePc("b");
  }

  @Test
  void trickleIceBetweenFirefoxAndChromiumRelayedThroughJava() throws InterruptedException {
    firefox.newPc("t1");
    firefox.createDataChannel("t1", "trickle");
    Description offer = firefox.offer("t1", Map.of(), false);
    assertThat(offer.sdp()).doesNotContain("a=candidate:");
    chrome.newPc("t2");
    Description answer = chrome.answer("t2", offer, false);
    firefox.setRemote("t1", answer);

    boolean firefoxDone = false;
    boolean chromeDone = false;
    int relayed = 0;
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!(firefoxDone && chromeDone) && System.nanoTime() < deadline) {
      for (Object c : firefox.takeCandidates("t1")) {
        if (c == null) firefoxDone = true;
        else chrome.addIceCandidate("t2", (Map<String, ?>) c);
        relayed++;
      }
      for (Object c : chrome.takeCandidates("t2")) {
        if (c == null) chromeDone = true;
        else firefox.addIceCandidate("t1", (Map<String, ?>) c);
        relayed++;
      }
      Thread.sleep(50); // polling the driver, not synchronising: the waits below have timeouts
    }
    assertThat(firefoxDone && chromeDone).as("both ended gathering").isTrue();
    assertThat(relayed).isGreaterThan(2);

    firefox.waitChannelOpen("t1", "trickle");
    chrome.waitChannelOpen("t2", "trickle");
    firefox.send("t1", "trickle", "trickled");
    assertThat(chrome.waitMessage("t2", "trickle")).isEqualTo("trickled");
    firefox.closePc("t1");
    chrome.closePc("t2");
  }

  @Test
  void theDriverRefusesADescriptionNamingANonLoopbackAddress() {
    chrome.newPc("c");
    chrome.createDataChannel("c", "x");
    Description offer = chrome.offer("c");
    Description tampered = new Description("offer", offer.sdp().replace("127.0.0.1", "192.0.2.7"));
    firefox.newPc("d");
    assertThatThrownBy(() -> firefox.answer("d", tampered)).hasMessageContaining("network rule");
    chrome.closePc("c");
    firefox.closePc("d");
  }

  private static void assertOnlyLoopbackCandidates(Description d) {
    var m = CANDIDATE.matcher(d.sdp());
    int n = 0;
    while (m.find()) {
      n++;
      assertThat(m.group(1)).matches("127\\.\\d+\\.\\d+\\.\\d+|::1");
    }
    assertThat(n).as("candidates in %s", d.type()).isPositive();
    assertThat(d.sdp()).endsWith("\r\n");
  }
}
