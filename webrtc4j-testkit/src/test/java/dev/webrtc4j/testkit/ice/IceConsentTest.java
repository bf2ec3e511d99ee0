package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.MS;
import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.IceConfig;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.testkit.ice.IceScenario.NatType;
import dev.webrtc4j.testkit.net.NatBehavior;
import org.junit.jupiter.api.Test;

/** Consent freshness (RFC 7675) over the simulated network: cutting and restoring links. */
class IceConsentTest {
  static final NatType CONE = new NatType(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_DEPENDENT);

  static IceScenario connected(long seed, IceConfig.Timings timings) {
    IceScenario.Builder b = IceScenario.builder(seed).timings(timings);
    b.a().nat(CONE);
    b.b().nat(CONE);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(5 * SECOND)).as("connected: %s", s).isTrue();
    s.runFor(3 * SECOND);
    ScenarioAssertions.assertConnectedWithData(s);
    return s;
  }

  static IceConfig.Timings timings(long consentMs, long disconnectedMs, long failedMs) {
    IceConfig.Timings d = IceConfig.Timings.defaults();
    return new IceConfig.Timings(d.ta(), d.checkRto(), d.checkRtoMax(), d.checkMaxTransmissions(), d.stunRto(),
        d.stunMaxTransmissions(), d.nominationDelay(), consentMs * MS, disconnectedMs * MS, failedMs * MS, d.maxPairs());
  }

  @Test
  void cuttingTheLinkBothWaysDisconnectsInAbout5SecondsAndFailsIn30() {
    IceScenario s = connected(21, IceConfig.Timings.defaults());
    long cut = s.now(); // assertConnectedWithData just received data both ways
    s.cut(s.hostA());
    assertThat(s.runUntil(() -> s.a().state() == IceConnectionState.DISCONNECTED
        && s.b().state() == IceConnectionState.DISCONNECTED, 10 * SECOND)).as("%s", s).isTrue();
    assertThat(s.a().firstTimeIn(IceConnectionState.DISCONNECTED, cut) - cut).isBetween(4_900 * MS, 5_100 * MS);
    assertThat(s.b().firstTimeIn(IceConnectionState.DISCONNECTED, cut) - cut).isBetween(4_900 * MS, 5_100 * MS);
    assertThat(s.runUntil(() -> s.a().state() == IceConnectionState.FAILED
        && s.b().state() == IceConnectionState.FAILED, 40 * SECOND)).as("%s", s).isTrue();
    // Failed 30 s after the last consent, which came at most one consent interval (5 s x 1.2)
    // before the cut.
    assertThat(s.a().firstTimeIn(IceConnectionState.FAILED, cut) - cut).isBetween(23_900 * MS, 30_100 * MS);
    assertThat(s.b().firstTimeIn(IceConnectionState.FAILED, cut) - cut).isBetween(23_900 * MS, 30_100 * MS);
    // RFC 7675 §5.1: without consent the agent stops sending.
    assertThat(s.a().send("after failure")).isFalse();
  }

  @Test
  void configuredTimingsAreHonoured() {
    IceScenario s = connected(22, timings(1_000, 2_000, 8_000));
    long cut = s.now();
    s.cut(s.hostB());
    assertThat(s.runUntil(() -> s.a().state() == IceConnectionState.FAILED
        && s.b().state() == IceConnectionState.FAILED, 20 * SECOND)).as("%s", s).isTrue();
    assertThat(s.a().firstTimeIn(IceConnectionState.DISCONNECTED, cut) - cut).isBetween(1_900 * MS, 2_100 * MS);
    assertThat(s.b().firstTimeIn(IceConnectionState.DISCONNECTED, cut) - cut).isBetween(1_900 * MS, 2_100 * MS);
    assertThat(s.a().firstTimeIn(IceConnectionState.FAILED, cut) - cut).isBetween(6_700 * MS, 8_100 * MS);
    assertThat(s.b().firstTimeIn(IceConnectionState.FAILED, cut) - cut).isBetween(6_700 * MS, 8_100 * MS);
  }

  @Test
  void cuttingOneDirectionStillFailsBothSides() {
    IceScenario s = connected(23, IceConfig.Timings.defaults());
    long cut = s.now();
    s.cutOutgoing(s.hostA());
    // B hears nothing from A: disconnected after the silence timeout.
    assertThat(s.runUntil(() -> s.b().state() == IceConnectionState.DISCONNECTED, 10 * SECOND)).isTrue();
    assertThat(s.b().firstTimeIn(IceConnectionState.DISCONNECTED, cut) - cut).isBetween(4_900 * MS, 5_100 * MS);
    // Neither side gets consent responses any more (A's answers and requests are lost): both fail.
    assertThat(s.runUntil(() -> s.a().state() == IceConnectionState.FAILED
        && s.b().state() == IceConnectionState.FAILED, 40 * SECOND)).as("%s", s).isTrue();
    assertThat(s.a().firstTimeIn(IceConnectionState.FAILED, cut) - cut).isBetween(23_900 * MS, 30_100 * MS);
    assertThat(s.b().firstTimeIn(IceConnectionState.FAILED, cut) - cut).isBetween(23_900 * MS, 30_100 * MS);
  }

  @Test
  void restoringTheLinkBeforeFailureReconnects() {
    IceScenario s = connected(24, IceConfig.Timings.defaults());
    long cut = s.now();
    s.cut(s.hostA());
    assertThat(s.runUntil(() -> s.a().state() == IceConnectionState.DISCONNECTED
        && s.b().state() == IceConnectionState.DISCONNECTED, 10 * SECOND)).isTrue();
    s.runFor(5 * SECOND);
    long restored = s.now();
    s.restore(s.hostA());
    // The next consent check (every 5 s +-20 %) gets through and the state comes back.
    assertThat(s.runUntilConnected(7 * SECOND)).as("%s", s).isTrue();
    assertThat(s.now() - restored).isLessThanOrEqualTo(6_100 * MS);
    assertThat(s.a().firstTimeIn(IceConnectionState.FAILED, cut)).isEqualTo(-1);
    assertThat(s.b().firstTimeIn(IceConnectionState.FAILED, cut)).isEqualTo(-1);
    ScenarioAssertions.assertConnectedWithData(s, "after restore");
    s.runFor(40 * SECOND);
    assertThat(s.a().isConnected() && s.b().isConnected()).as("stays connected: %s", s).isTrue();
  }
}
