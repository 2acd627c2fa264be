package io.custodian.media;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Turns the {@code data} payload of a validated WAV, fed in pieces of any size, into G.711 u-law 8
 * kHz samples: decode to 16-bit linear, mix stereo down if asked, halve 16 kHz, encode; samples
 * that already are the target are copied unchanged. Memory is a few fixed blocks whatever the
 * input's length; the output bytes do not depend on how the input was split.
 */
final class SampleConverter {

  /** Frames decoded per block; the unit in which audio is filtered, encoded and written. */
  static final int BLOCK_FRAMES = 4096;

  /** A little-endian 16-bit sample read as one load. */
  private static final VarHandle PCM_SAMPLE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private static final short[] ULAW_TO_LINEAR = decodeTable(AudioEncoding.ULAW);
  private static final short[] ALAW_TO_LINEAR = decodeTable(AudioEncoding.ALAW);

  /** u-law code for every 16-bit sample, indexed by {@code (sample >> 2) + 8192}. */
  private static final byte[] LINEAR_TO_ULAW = encodeTable();

  private final ConversionPlan plan;
  private final OutputStream out;
  private final int blockAlign;
  private final byte[] partialFrame;
  private int partialBytes;
  private final int[] decoded = new int[BLOCK_FRAMES * 2];
  private final int[][] block;
  private int blockFrames;
  private final HalfRateDecimator[] decimators;
  private final int[][] decimated;
  private final byte[] encoded;
  private long written;

  /** A converter for a payload of {@code inputFrames} frames, writing to {@code out}. */
  SampleConverter(ConversionPlan plan, long inputFrames, OutputStream out) {
    this.plan = plan;
    this.out = out;
    this.blockAlign = plan.inputBlockAlign();
    this.partialFrame = new byte[blockAlign];
    int channels = plan.outputChannels();
    this.block = new int[channels][BLOCK_FRAMES];
    this.decimators = new HalfRateDecimator[plan.decimate() ? channels : 0];
    this.decimated = new int[decimators.length][HalfRateDecimator.maxOutputs(BLOCK_FRAMES)];
    for (int c = 0; c < decimators.length; c++) {
      decimators[c] = new HalfRateDecimator(inputFrames, BLOCK_FRAMES);
    }
    this.encoded =
        new byte[channels * Math.max(BLOCK_FRAMES, HalfRateDecimator.maxOutputs(BLOCK_FRAMES))];
  }

  /** Converts the next {@code length} payload bytes, buffering a frame split between calls. */
  void accept(byte[] bytes, int offset, int length) throws IOException {
    if (plan.passThrough()) {
      out.write(bytes, offset, length);
      written += length;
      return;
    }
    int position = offset;
    int end = offset + length;
    if (partialBytes > 0) {
      int take = Math.min(blockAlign - partialBytes, end - position);
      System.arraycopy(bytes, position, partialFrame, partialBytes, take);
      partialBytes += take;
      position += take;
      if (partialBytes < blockAlign) {
        return;
      }
      decodeFrames(partialFrame, 0, 1);
      partialBytes = 0;
    }
    int frames = (end - position) / blockAlign;
    decodeFrames(bytes, position, frames);
    position += frames * blockAlign;
    partialBytes = end - position;
    System.arraycopy(bytes, position, partialFrame, 0, partialBytes);
  }

  /**
   * Converts what is still buffered, including the decimator's tail.
   *
   * @return the number of bytes written to the output over the whole payload
   * @throws IllegalStateException if the payload ended inside a frame
   */
  long finish() throws IOException {
    if (partialBytes != 0) {
      throw new IllegalStateException("payload ends inside a frame");
    }
    flushBlock();
    if (decimators.length > 0) {
      int produced = 0;
      for (int c = 0; c < decimators.length; c++) {
        produced = decimators[c].finish(decimated[c]);
      }
      encode(decimated, produced);
    }
    return written;
  }

  private void decodeFrames(byte[] bytes, int offset, int frames) throws IOException {
    int position = offset;
    int left = frames;
    while (left > 0) {
      int n = Math.min(left, BLOCK_FRAMES - blockFrames);
      int samples = n * plan.inputChannels();
      decode(bytes, position, samples);
      route(n);
      position += n * blockAlign;
      left -= n;
      if (blockFrames == BLOCK_FRAMES) {
        flushBlock();
      }
    }
  }

  /** Decodes {@code samples} interleaved samples at {@code offset} into {@link #decoded}. */
  private void decode(byte[] bytes, int offset, int samples) {
    switch (plan.input()) {
      case PCM_S16LE -> {
        for (int i = 0, p = offset; i < samples; i++, p += 2) {
          decoded[i] = (short) PCM_SAMPLE.get(bytes, p);
        }
      }
      case ULAW -> {
        for (int i = 0; i < samples; i++) {
          decoded[i] = ULAW_TO_LINEAR[bytes[offset + i] & 0xFF];
        }
      }
      case ALAW -> {
        for (int i = 0; i < samples; i++) {
          decoded[i] = ALAW_TO_LINEAR[bytes[offset + i] & 0xFF];
        }
      }
    }
  }

  /** Moves {@code frames} decoded frames into the per-channel block, mixing if the plan says so. */
  private void route(int frames) {
    int base = blockFrames;
    if (plan.inputChannels() == 1) {
      System.arraycopy(decoded, 0, block[0], base, frames);
    } else if (plan.mix()) {
      int[] mono = block[0];
      for (int f = 0; f < frames; f++) {
        mono[base + f] = average(decoded[2 * f], decoded[2 * f + 1]);
      }
    } else {
      int[] left = block[0];
      int[] right = block[1];
      for (int f = 0; f < frames; f++) {
        left[base + f] = decoded[2 * f];
        right[base + f] = decoded[2 * f + 1];
      }
    }
    blockFrames += frames;
  }

  /** The mean of two 16-bit samples, rounded half away from zero; it always fits 16 bits. */
  static int average(int a, int b) {
    int sum = a + b;
    return sum >= 0 ? (sum + 1) >> 1 : -((1 - sum) >> 1);
  }

  private void flushBlock() throws IOException {
    if (blockFrames == 0) {
      return;
    }
    if (decimators.length == 0) {
      encode(block, blockFrames);
    } else {
      int produced = 0;
      for (int c = 0; c < decimators.length; c++) {
        produced = decimators[c].push(block[c], blockFrames, decimated[c]);
      }
      encode(decimated, produced);
    }
    blockFrames = 0;
  }

  /** Interleaves and u-law encodes {@code frames} frames of {@code channels}, then writes them. */
  private void encode(int[][] channels, int frames) throws IOException {
    int count = channels.length;
    for (int c = 0; c < count; c++) {
      int[] samples = channels[c];
      for (int f = 0, p = c; f < frames; f++, p += count) {
        encoded[p] = LINEAR_TO_ULAW[(samples[f] >> 2) + 8192];
      }
    }
    int bytes = frames * count;
    out.write(encoded, 0, bytes);
    written += bytes;
  }

  private static short[] decodeTable(AudioEncoding encoding) {
    short[] table = new short[256];
    for (int code = 0; code < 256; code++) {
      table[code] =
          encoding == AudioEncoding.ULAW
              ? G711.ulawToLinear((byte) code)
              : G711.alawToLinear((byte) code);
    }
    return table;
  }

  /** {@link G711#linearToUlaw} looks only at {@code sample >> 2}, so 16384 entries cover it. */
  private static byte[] encodeTable() {
    byte[] table = new byte[1 << 14];
    for (int i = 0; i < table.length; i++) {
      table[i] = G711.linearToUlaw((short) ((i - 8192) << 2));
    }
    return table;
  }
}
