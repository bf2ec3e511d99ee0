package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.util.Bytes;

/** Candidate pair states (RFC 8445 §6.1.2.6). Only In-Progress carries data: its transaction. */
sealed interface PairState {
  record Frozen() implements PairState {}

  record Waiting() implements PairState {}

  record InProgress(Bytes transactionId) implements PairState {}

  record Succeeded() implements PairState {}

  record Failed() implements PairState {}

  PairState FROZEN = new Frozen();
  PairState WAITING = new Waiting();
  PairState SUCCEEDED = new Succeeded();
  PairState FAILED = new Failed();

  /** Frozen, Waiting or In-Progress: the pair may still succeed. */
  static boolean isPending(PairState s) {
    return switch (s) {
      case Frozen f -> true;
      case Waiting w -> true;
      case InProgress p -> true;
      case Succeeded ok -> false;
      case Failed x -> false;
    };
  }
}
