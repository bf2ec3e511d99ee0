package dev.webrtc4j.bench;

import dev.webrtc4j.internal.dtls.X25519Function;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * {@link X25519Benchmark}'s four operations timed by this thread's CPU time instead of the wall
 * clock, in alternating blocks of 500 operations (so that both implementations see the same load
 * on a shared machine): {@code java -cp benchmarks.jar dev.webrtc4j.bench.X25519CpuMain [rounds]}.
 * The first third of the rounds is warm-up; prints p10, median and p90 of the blocks' µs per op.
 */
public final class X25519CpuMain {
  private static final String[] NAMES = {"agreement ours", "agreement BC", "public key ours", "public key BC"};

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int perBlock = 500;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    SplittableRandom random = new SplittableRandom();
    int inputs = 64;
    byte[][] scalars = new byte[inputs][32];
    byte[][] points = new byte[inputs][32];
    for (int i = 0; i < inputs; i++) {
      random.nextBytes(scalars[i]);
      byte[] peer = new byte[32];
      random.nextBytes(peer);
      X25519.scalarMultBase(peer, 0, points[i], 0);
    }
    byte[] out = new byte[32];
    List<List<Double>> micros = new ArrayList<>();
    for (int op = 0; op < NAMES.length; op++) {
      micros.add(new ArrayList<>());
    }
    long sink = 0;
    for (int round = 0; round < rounds; round++) {
      for (int op = 0; op < NAMES.length; op++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < perBlock; i++) {
          int x = i & (inputs - 1);
          switch (op) {
            case 0 -> X25519Function.agreement(scalars[x], points[x], out);
            case 1 -> X25519.calculateAgreement(scalars[x], 0, points[x], 0, out, 0);
            case 2 -> X25519Function.publicKey(scalars[x], out);
            default -> X25519.scalarMultBase(scalars[x], 0, out, 0);
          }
          sink += out[0];
        }
        long end = threads.getCurrentThreadCpuTime();
        if (round >= rounds / 3) {
          micros.get(op).add((end - start) / 1e3 / perBlock);
        }
      }
    }
    for (int op = 0; op < NAMES.length; op++) {
      List<Double> l = micros.get(op);
      Collections.sort(l);
      System.out.printf("%-16s thread CPU us/op: p10 %.1f median %.1f p90 %.1f%n",
          NAMES[op], l.get(l.size() / 10), l.get(l.size() / 2), l.get(l.size() * 9 / 10));
    }
    System.out.println("(checksum " + sink + ")");
  }
}
