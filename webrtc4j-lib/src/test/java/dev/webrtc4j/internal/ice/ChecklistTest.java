package dev.webrtc4j.internal.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ChecklistTest {
  private static InetSocketAddress addr(String ip, int port) {
    return new InetSocketAddress(IceCandidate.ipLiteral(ip), port);
  }

  private static LocalCandidate host(String ip, int port, int rank) {
    InetSocketAddress a = addr(ip, port);
    int lp = Priorities.localPreference(rank, a.getAddress(), 0);
    return new LocalCandidate(new IceCandidate(Foundations.of(CandidateType.HOST, a.getAddress(), null, "udp"), 1, "udp",
        Priorities.candidatePriority(CandidateType.HOST, lp, 1), a, CandidateType.HOST, null), a, lp);
  }

  private static IceCandidate remote(String foundation, String ip, int port, long priority) {
    return new IceCandidate(foundation, 1, "udp", priority, addr(ip, port), CandidateType.HOST, null);
  }

  @Test
  void firstPairOfEachFoundationWaitsAndTheOthersAreFrozen() {
    Checklist list = new Checklist(100);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    Pair a = list.add(new Pair(l, remote("r1", "10.0.0.2", 6000, 100), IceRole.CONTROLLING));
    Pair b = list.add(new Pair(l, remote("r1", "10.0.0.2", 6001, 90), IceRole.CONTROLLING));
    Pair c = list.add(new Pair(l, remote("r2", "10.0.0.3", 6000, 80), IceRole.CONTROLLING));
    assertThat(a.state).isInstanceOf(PairState.Waiting.class);
    assertThat(b.state).isInstanceOf(PairState.Frozen.class);
    assertThat(c.state).isInstanceOf(PairState.Waiting.class);
  }

  @Test
  void nextPrefersTriggeredThenWaitingByPriorityThenUnfreezes() {
    Checklist list = new Checklist(100);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    Pair high = list.add(new Pair(l, remote("r1", "10.0.0.2", 6000, 1000), IceRole.CONTROLLING));
    Pair frozen = list.add(new Pair(l, remote("r1", "10.0.0.2", 6001, 900), IceRole.CONTROLLING));
    Pair low = list.add(new Pair(l, remote("r2", "10.0.0.3", 6000, 10), IceRole.CONTROLLING));
    list.trigger(low);
    assertThat(list.next(true)).isSameAs(low);
    low.state = PairState.SUCCEEDED;
    assertThat(list.next(true)).isSameAs(high);
    high.state = new PairState.InProgress(dev.webrtc4j.internal.util.Bytes.fromHex("000102030405060708090a0b"));
    assertThat(list.next(false)).as("only triggered checks once completed").isNull();
    assertThat(list.next(true)).isSameAs(frozen);
    assertThat(frozen.state).isInstanceOf(PairState.Waiting.class);
  }

  @Test
  void successUnfreezesPairsOfTheSameFoundation() {
    Checklist list = new Checklist(100);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    Pair a = list.add(new Pair(l, remote("r1", "10.0.0.2", 6000, 100), IceRole.CONTROLLED));
    Pair b = list.add(new Pair(l, remote("r1", "10.0.0.2", 6001, 90), IceRole.CONTROLLED));
    a.state = PairState.SUCCEEDED;
    list.unfreeze(a.foundation());
    assertThat(b.state).isInstanceOf(PairState.Waiting.class);
  }

  @Test
  void redundantPairIsNotAddedTwiceAndPairsAreOrderedByPriority() {
    Checklist list = new Checklist(100);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    Pair low = list.add(new Pair(l, remote("r1", "10.0.0.2", 6000, 10), IceRole.CONTROLLING));
    Pair again = list.add(new Pair(l, remote("r1", "10.0.0.2", 6000, 10), IceRole.CONTROLLING));
    assertThat(again).isSameAs(low);
    Pair high = list.add(new Pair(l, remote("r2", "10.0.0.3", 6000, 5000), IceRole.CONTROLLING));
    assertThat(list.pairs()).containsExactly(high, low);
  }

  @Test
  void checklistIsLimitedByDroppingTheLowestUnstartedPairs() {
    Checklist list = new Checklist(2);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    list.add(new Pair(l, remote("a", "10.0.0.2", 1, 300), IceRole.CONTROLLING));
    list.add(new Pair(l, remote("b", "10.0.0.2", 2, 200), IceRole.CONTROLLING));
    Pair dropped = list.add(new Pair(l, remote("c", "10.0.0.2", 3, 100), IceRole.CONTROLLING));
    assertThat(dropped).isNull();
    assertThat(list.pairs()).hasSize(2);
  }

  @Test
  void roleChangeRecomputesPairPriorities() {
    Checklist list = new Checklist(100);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    Pair p = list.add(new Pair(l, remote("r", "10.0.0.2", 6000, 1000), IceRole.CONTROLLING));
    long before = p.priority;
    list.recomputePriorities(IceRole.CONTROLLED);
    assertThat(p.priority).isEqualTo(Priorities.pairPriority(1000, l.candidate().priority())).isNotEqualTo(before);
  }

  @Test
  void removeUnstartedKeepsOnlyStartedAndFinishedPairs() {
    Checklist list = new Checklist(100);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    Pair ok = list.add(new Pair(l, remote("a", "10.0.0.2", 1, 300), IceRole.CONTROLLING));
    list.add(new Pair(l, remote("b", "10.0.0.2", 2, 200), IceRole.CONTROLLING));
    ok.state = PairState.SUCCEEDED;
    list.removeUnstarted();
    assertThat(list.pairs()).containsExactly(ok);
    assertThat(list.hasPending()).isFalse();
  }

  @Test
  void fullChecklistEvictsPeerReflexivePairsBeforeSignalledOnes() {
    Checklist list = new Checklist(3);
    LocalCandidate l = host("10.0.0.1", 5000, 0);
    Pair relay = list.add(new Pair(l, new IceCandidate("r", 1, "udp", 10, addr("198.51.100.3", 1), CandidateType.RELAY, null),
        IceRole.CONTROLLING));
    for (int i = 0; i < 5; i++) {
      list.add(new Pair(l, new IceCandidate("prflx" + i, 1, "udp", 1_000_000 + i, addr("203.0.113.9", 100 + i),
          CandidateType.PRFLX, null), IceRole.CONTROLLING));
    }
    assertThat(list.pairs()).hasSize(3).contains(relay);
  }
}
