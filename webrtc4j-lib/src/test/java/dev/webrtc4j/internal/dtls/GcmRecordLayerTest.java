package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.tls.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcmRecordLayerTest {
  private static final int AES_128 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
  private static final int AES_256 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;

  /** Both ends of one connection from one key block: the client's write keys are the server's read keys. */
  private record Ends(GcmRecordLayer client, GcmRecordLayer server) {}

  private static Ends ends(int suite, long clientNext, long serverNext) throws Exception {
    byte[] block = new byte[GcmRecordLayer.keyBlockLength(suite)];
    EnginePair.RANDOM.nextBytes(block);
    GcmRecordLayer c = GcmRecordLayer.fromKeyBlock(suite, block.clone(), true, 1, clientNext);
    GcmRecordLayer s = GcmRecordLayer.fromKeyBlock(suite, block.clone(), false, 1, serverNext);
    return new Ends(c, s);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    EnginePair.RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] open(GcmRecordLayer layer, ByteBuffer record) {
    assertThat(layer.isOurs(record, 0)).isTrue();
    return layer.open(record, 0, record.remaining());
  }

  private static long sequenceOf(ByteBuffer record) {
    return record.getLong(3) & GcmRecordLayer.MAX_SEQUENCE;
  }

  @ParameterizedTest
  @ValueSource(ints = {AES_128, AES_256})
  void recordsOpenOnTheOtherEndInBothDirections(int suite) throws Exception {
    Ends e = ends(suite, 1, 1);
    for (int n : new int[] {1, 100, 1163}) {
      byte[] data = random(n);
      ByteBuffer toServer = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, data, 0, n);
      ByteBuffer toClient = e.server().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, data, 0, n);
      assertThat(toServer.remaining()).isEqualTo(n + GcmRecordLayer.OVERHEAD);
      assertThat(open(e.server(), toServer)).isEqualTo(data);
      assertThat(open(e.client(), toClient)).isEqualTo(data);
    }
  }

  @Test
  void theHeaderIsDtls12OfTheEpochAndTheExplicitNonceIsTheSequenceNumber() throws Exception {
    Ends e = ends(AES_128, 7, 1);
    byte[] data = random(50);
    ByteBuffer r = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, data, 0, data.length);
    assertThat(r.get(0)).isEqualTo((byte) 23);
    assertThat(Short.toUnsignedInt(r.getShort(1))).isEqualTo(0xfefd);
    assertThat(Short.toUnsignedInt(r.getShort(3))).isEqualTo(1); // epoch
    assertThat(sequenceOf(r)).isEqualTo(7);
    assertThat(Short.toUnsignedInt(r.getShort(11))).isEqualTo(8 + 50 + 16);
    assertThat(r.getLong(13)).isEqualTo(r.getLong(3)); // explicit nonce = epoch | sequence (RFC 5288 §3)
  }

  @Test
  void sealInPlaceWritesTheSameRecordAsSealIntoTheRoomAroundThePlaintext() throws Exception {
    byte[] block = random(GcmRecordLayer.keyBlockLength(AES_128));
    GcmRecordLayer a = GcmRecordLayer.fromKeyBlock(AES_128, block.clone(), true, 1, 5);
    GcmRecordLayer b = GcmRecordLayer.fromKeyBlock(AES_128, block.clone(), true, 1, 5);
    GcmRecordLayer peer = GcmRecordLayer.fromKeyBlock(AES_128, block.clone(), false, 1, 1);
    byte[] data = random(1160);
    byte[] room = new byte[21 + data.length + 16];
    System.arraycopy(data, 0, room, 21, data.length);
    ByteBuffer copied = a.seal(GcmRecordLayer.TYPE_APPLICATION_DATA, data, 0, data.length);
    ByteBuffer inPlace = b.sealInPlace(GcmRecordLayer.TYPE_APPLICATION_DATA, room, 21, data.length);
    assertThat(inPlace).isEqualTo(copied);
    assertThat(inPlace.array()).isSameAs(room);
    assertThat(b.nextWriteSequence()).isEqualTo(6);
    assertThat(peer.open(inPlace, 0, inPlace.remaining())).isEqualTo(data);
    assertThatThrownBy(() -> b.sealInPlace(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[40], 20, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.sealInPlace(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[40], 21, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.nextWriteSequence()).isEqualTo(6); // refused: no sequence number used
  }

  @Test
  void sequenceNumbersStartWhereToldAndNeverRepeat() throws Exception {
    Ends e = ends(AES_128, 3, 1);
    long[] seen = new long[100];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = sequenceOf(e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[1], 0, 1));
    }
    for (int i = 0; i < seen.length; i++) {
      assertThat(seen[i]).isEqualTo(3 + i);
    }
    assertThat(e.client().nextWriteSequence()).isEqualTo(103);
  }

  @Test
  void aReplayedRecordIsDiscarded() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    byte[] data = random(200);
    ByteBuffer r = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, data, 0, data.length);
    assertThat(open(e.server(), r.duplicate())).isEqualTo(data);
    assertThat(open(e.server(), r.duplicate())).isNull();
  }

  @Test
  void reorderedRecordsAllOpenOnce() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    ByteBuffer[] records = new ByteBuffer[5];
    for (int i = 0; i < records.length; i++) {
      records[i] = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[] {(byte) i}, 0, 1);
    }
    for (int i : new int[] {4, 0, 2, 1, 3}) {
      assertThat(open(e.server(), records[i].duplicate())).containsExactly((byte) i);
    }
    for (ByteBuffer r : records) {
      assertThat(open(e.server(), r.duplicate())).isNull();
    }
  }

  @Test
  void tamperedRecordsAreDiscardedAndTheNextStillOpens() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    byte[] data = random(300);
    // Every byte of the record matters: the header through the additional data, the explicit
    // nonce through the nonce, the ciphertext and the tag through the tag.
    for (int at : new int[] {2, 4, 6, 10, 12, 13, 20, 21, 100, 21 + 300, 21 + 315}) {
      ByteBuffer r = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, data, 0, data.length);
      ByteBuffer bad = ByteBuffer.wrap(r.array().clone());
      bad.put(at, (byte) (bad.get(at) ^ 0x01));
      assertThat(e.server().isOurs(bad, 0) ? e.server().open(bad, 0, bad.remaining()) : null).as("flipped byte %d", at).isNull();
      assertThat(open(e.server(), r)).as("the genuine record after byte %d", at).isEqualTo(data);
    }
  }

  @Test
  void aTamperedRecordDoesNotUseUpItsSequenceNumber() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    byte[] data = random(40);
    ByteBuffer r = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, data, 0, data.length);
    ByteBuffer bad = ByteBuffer.wrap(r.array().clone());
    bad.put(30, (byte) (bad.get(30) ^ 0x80));
    assertThat(open(e.server(), bad)).isNull();
    assertThat(open(e.server(), r)).isEqualTo(data);
  }

  @Test
  void recordsOfAnotherEpochOrTypeAreNotOurs() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    ByteBuffer r = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[10], 0, 10);
    ByteBuffer epoch2 = ByteBuffer.wrap(r.array().clone());
    epoch2.putShort(3, (short) 2);
    assertThat(e.server().isOurs(epoch2, 0)).isFalse();
    ByteBuffer epoch0 = ByteBuffer.wrap(r.array().clone());
    epoch0.putShort(3, (short) 0);
    assertThat(e.server().isOurs(epoch0, 0)).isFalse();
    ByteBuffer alert = e.client().seal(GcmRecordLayer.TYPE_ALERT, new byte[] {1, 0}, 0, 2);
    assertThat(e.server().isOurs(alert, 0)).isFalse();
    assertThat(open(e.server(), r)).hasSize(10);
  }

  @Test
  void recordsOfAnotherVersionOrTooShortAreDiscarded() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    ByteBuffer r = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[10], 0, 10);
    ByteBuffer dtls10 = ByteBuffer.wrap(r.array().clone());
    dtls10.putShort(1, (short) 0xfeff);
    assertThat(e.server().open(dtls10, 0, dtls10.remaining())).isNull();
    assertThat(e.server().open(r, 0, GcmRecordLayer.OVERHEAD - 1)).isNull();
    assertThat(open(e.server(), r)).hasSize(10);
  }

  @Test
  void aRecordInsideADatagramOpensInPlaceAndFromADirectOrReadOnlyBuffer() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    byte[] one = random(30);
    byte[] two = random(60);
    ByteBuffer a = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, one, 0, one.length);
    ByteBuffer b = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, two, 0, two.length);
    ByteBuffer datagram = ByteBuffer.allocateDirect(5 + a.remaining() + b.remaining());
    datagram.put(new byte[5]).put(a.duplicate()).put(b.duplicate()).flip();
    assertThat(e.server().open(datagram, 5, a.remaining())).isEqualTo(one);
    assertThat(e.server().open(datagram, 5 + a.remaining(), b.remaining())).isEqualTo(two);
    byte[] three = random(1163);
    ByteBuffer c = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, three, 0, three.length);
    ByteBuffer readOnly = c.asReadOnlyBuffer();
    assertThat(e.server().open(readOnly, 0, readOnly.remaining())).isEqualTo(three);
    assertThat(e.server().open(c.asReadOnlyBuffer(), 0, c.remaining())).isNull(); // replayed
  }

  @Test
  void resealRenumbersARecordOfTheSameKeyUnderTheNextSequenceNumber() throws Exception {
    byte[] block = random(GcmRecordLayer.keyBlockLength(AES_128));
    // "bc" stands for BC's record layer: it wrote sequence numbers 0..1 under the same key.
    GcmRecordLayer bc = GcmRecordLayer.fromKeyBlock(AES_128, block.clone(), false, 1, 0);
    GcmRecordLayer ours = GcmRecordLayer.fromKeyBlock(AES_128, block.clone(), false, 1, 1);
    GcmRecordLayer peer = GcmRecordLayer.fromKeyBlock(AES_128, block.clone(), true, 1, 1);
    bc.seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[1], 0, 1); // its Finished, sequence 0
    ByteBuffer first = ours.seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[] {42}, 0, 1); // sequence 1
    ByteBuffer bcsAlert = bc.seal(GcmRecordLayer.TYPE_ALERT, new byte[] {1, 0}, 0, 2); // BC's sequence 1 again
    ByteBuffer resealed = ours.reseal(bcsAlert.array(), 0, bcsAlert.remaining());
    assertThat(resealed).isNotNull();
    assertThat(sequenceOf(first)).isEqualTo(1);
    assertThat(sequenceOf(bcsAlert)).isEqualTo(1);
    assertThat(sequenceOf(resealed)).isEqualTo(2);
    assertThat(resealed.get(0)).isEqualTo((byte) GcmRecordLayer.TYPE_ALERT);
    assertThat(peer.open(first, 0, first.remaining())).containsExactly(42);
    // The peer's alert path is BC's; here the test opens it through a layer that accepts alerts.
    ByteBuffer asData = ByteBuffer.wrap(resealed.array().clone());
    assertThat(peer.isOurs(asData, 0)).isFalse();
    assertThat(openAnyType(block, resealed)).containsExactly(1, 0);
  }

  @Test
  void resealRefusesARecordThatDoesNotOpen() throws Exception {
    Ends e = ends(AES_128, 1, 1);
    ByteBuffer r = e.server().seal(GcmRecordLayer.TYPE_ALERT, new byte[] {2, 40}, 0, 2);
    byte[] bad = r.array().clone();
    bad[bad.length - 1] ^= 1;
    long before = e.server().nextWriteSequence();
    assertThat(e.server().reseal(bad, 0, bad.length)).isNull();
    assertThat(e.server().nextWriteSequence()).isEqualTo(before);
  }

  @Test
  void sealRefusesOnceTheEpochsSequenceNumbersAreUsedUp() throws Exception {
    Ends e = ends(AES_128, GcmRecordLayer.MAX_SEQUENCE, 1);
    ByteBuffer last = e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[1], 0, 1);
    assertThat(sequenceOf(last)).isEqualTo(GcmRecordLayer.MAX_SEQUENCE);
    assertThatThrownBy(() -> e.client().seal(GcmRecordLayer.TYPE_APPLICATION_DATA, new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyAesGcmSuitesGetTheLayer() throws Exception {
    assertThat(GcmRecordLayer.fromKeyBlock(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, new byte[64], true, 1, 1)).isNull();
    assertThat(GcmRecordLayer.fromKeyBlock(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, new byte[104], true, 1, 1)).isNull();
    assertThat(GcmRecordLayer.keyBlockLength(AES_128)).isEqualTo(40);
    assertThat(GcmRecordLayer.keyBlockLength(AES_256)).isEqualTo(72);
    assertThat(GcmRecordLayer.keyLength(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)).isEqualTo(32);
  }

  /** Opens a record of the server's key written under any content type, with the JDK directly (RFC 5288 nonce, RFC 5246 additional data). */
  private static byte[] openAnyType(byte[] block, ByteBuffer record) throws Exception {
    byte[] serverKey = Arrays.copyOfRange(block, 16, 32);
    byte[] serverIv = Arrays.copyOfRange(block, 36, 40);
    byte[] r = Arrays.copyOfRange(record.array(), record.arrayOffset(), record.arrayOffset() + record.remaining());
    byte[] nonce = new byte[12];
    System.arraycopy(serverIv, 0, nonce, 0, 4);
    System.arraycopy(r, 13, nonce, 4, 8);
    int plain = r.length - GcmRecordLayer.OVERHEAD;
    byte[] aad = new byte[13];
    System.arraycopy(r, 3, aad, 0, 8);
    aad[8] = r[0];
    aad[9] = r[1];
    aad[10] = r[2];
    aad[11] = (byte) (plain >>> 8);
    aad[12] = (byte) plain;
    javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(serverKey, "AES"), new javax.crypto.spec.GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    return c.doFinal(r, 21, r.length - 21);
  }
}
