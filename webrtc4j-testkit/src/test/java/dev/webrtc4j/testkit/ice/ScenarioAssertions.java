package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.CandidateType;
import java.util.List;

/** Shared checks of the ICE scenario tests. */
final class ScenarioAssertions {
  private ScenarioAssertions() {}

  static boolean relayInvolved(CandidatePair p) {
    return p.local().type() == CandidateType.RELAY || p.remote().type() == CandidateType.RELAY;
  }

  /**
   * Both agents have a selected pair, and application data sent by each arrives at the other on
   * the receiver's selected pair.
   */
  static void assertConnectedWithData(IceScenario s) {
    assertConnectedWithData(s, "ping");
  }

  static void assertConnectedWithData(IceScenario s, String tag) {
    CandidatePair pa = s.a().selectedPair().orElseThrow(() -> new AssertionError("A has no selected pair: " + s));
    CandidatePair pb = s.b().selectedPair().orElseThrow(() -> new AssertionError("B has no selected pair: " + s));
    int beforeA = s.a().received().size();
    int beforeB = s.b().received().size();
    assertThat(s.a().send(tag + " a->b")).as("A sends").isTrue();
    assertThat(s.b().send(tag + " b->a")).as("B sends").isTrue();
    s.runUntil(() -> s.a().received().size() > beforeA && s.b().received().size() > beforeB, 2_000 * MS);
    List<SimIceAgent.Received> atB = s.b().received().subList(beforeB, s.b().received().size());
    List<SimIceAgent.Received> atA = s.a().received().subList(beforeA, s.a().received().size());
    assertThat(atB).as("B received: %s", s).extracting(SimIceAgent.Received::text).contains(tag + " a->b");
    assertThat(atA).as("A received: %s", s).extracting(SimIceAgent.Received::text).contains(tag + " b->a");
    SimIceAgent.Received r = atB.stream().filter(x -> x.text().equals(tag + " a->b")).findFirst().orElseThrow();
    assertThat(r.pair().remote().address()).as("B got it on its selected pair").isEqualTo(pb.remote().address());
    assertThat(r.pair().localBase()).isEqualTo(pb.localBase());
    SimIceAgent.Received q = atA.stream().filter(x -> x.text().equals(tag + " b->a")).findFirst().orElseThrow();
    assertThat(q.pair().remote().address()).as("A got it on its selected pair").isEqualTo(pa.remote().address());
    assertThat(q.pair().localBase()).isEqualTo(pa.localBase());
  }
}
