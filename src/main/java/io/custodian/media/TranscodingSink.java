package io.custodian.media;

import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The output side of a conversion: {@link WavValidator#copy} writes the input into this stream as
 * it validates it, and this stream follows the RIFF structure to write a canonical u-law file in
 * its place: the target header, then the audio, converted or (already u-law 8 kHz) copied.
 *
 * <p>It never judges the input: the validator checks every header before it copies the payload
 * behind it and fails the conversion as soon as something is wrong. Decisions are therefore taken
 * on payload bytes (which the validator only copies once their header is accepted) and at {@link
 * #finish}.
 */
final class TranscodingSink extends OutputStream {

  private static final int RIFF_HEADER_BYTES = 12;
  private static final int CHUNK_HEADER_BYTES = 8;

  private enum State {
    RIFF_HEADER,
    CHUNK_HEADER,
    FMT,
    SKIP,
    DATA,
    DROP
  }

  private final ChannelMode mode;
  private final OutputStream out;
  private State state = State.RIFF_HEADER;
  private final byte[] header = new byte[RIFF_HEADER_BYTES];
  private int headerBytes;
  private final byte[] fmt = new byte[FmtChunk.MAX_SIZE];
  private long fmtSize = -1;
  private int fmtRead;
  private long remaining;
  private @Nullable ConversionPlan plan;
  private long dataBytes = -1;
  private @Nullable SampleConverter converter;
  private long written;

  /** Thrown through the validator when the input is valid but its conversion is not possible. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(InvalidWavException reason) {
      super(reason);
    }

    InvalidWavException reason() {
      return (InvalidWavException) getCause();
    }
  }

  TranscodingSink(ChannelMode mode, OutputStream out) {
    this.mode = mode;
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int position = offset;
    int end = offset + length;
    while (position < end) {
      int n = end - position;
      switch (state) {
        case RIFF_HEADER, CHUNK_HEADER -> {
          int size = state == State.RIFF_HEADER ? RIFF_HEADER_BYTES : CHUNK_HEADER_BYTES;
          n = Math.min(n, size - headerBytes);
          System.arraycopy(bytes, position, header, headerBytes, n);
          headerBytes += n;
          if (headerBytes == size) {
            headerBytes = 0;
            if (state == State.RIFF_HEADER) {
              state = State.CHUNK_HEADER;
            } else {
              startChunk();
            }
          }
        }
        case FMT -> {
          n = (int) Math.min(n, remaining);
          int kept = Math.min(n, fmt.length - fmtRead);
          System.arraycopy(bytes, position, fmt, fmtRead, kept);
          fmtRead += kept;
          remaining -= n;
          if (remaining == 0) {
            decide();
          }
        }
        case SKIP -> {
          n = (int) Math.min(n, remaining);
          remaining -= n;
          if (remaining == 0) {
            state = State.CHUNK_HEADER;
          }
        }
        case DATA -> {
          n = (int) Math.min(n, remaining);
          converter().accept(bytes, position, n);
          remaining -= n;
          if (remaining == 0) {
            state = State.DROP; // the pad byte and any chunks after the audio are left out
          }
        }
        case DROP -> {}
      }
      position += n;
    }
  }

  /**
   * Completes the output once the validator has accepted the whole input as {@code input}.
   *
   * @return the format of what was written
   */
  WavFormat finish(WavFormat input) throws IOException, InvalidWavException {
    ConversionPlan accepted = plan;
    if (accepted == null || accepted.input() != input.encoding()) {
      throw new IllegalStateException("the validator accepted a format this sink did not see");
    }
    if (dataBytes != input.dataBytes()) {
      throw new IllegalStateException("the validator accepted audio this sink did not see");
    }
    SampleConverter samples;
    try {
      samples = converter();
    } catch (Refused e) {
      throw e.reason();
    }
    written += samples.finish();
    long frames = input.frames();
    if ((accepted.outputDataBytes(frames) & 1) == 1) {
      out.write(0);
      written++;
    }
    if (written != accepted.outputFileBytes(frames)) {
      throw new IllegalStateException(
          "wrote " + written + " bytes, planned " + accepted.outputFileBytes(frames));
    }
    return accepted.outputFormat(frames);
  }

  private void startChunk() {
    long size = LittleEndian.u32(header, 4);
    long padded = size + (size & 1);
    if (Riff.isId(header, 0, Riff.FMT)) {
      enter(fmtSize < 0 ? State.FMT : State.DROP, padded); // the validator rejects a second fmt
      fmtSize = size;
    } else if (Riff.isId(header, 0, Riff.DATA)) {
      ConversionPlan known = plan;
      if (known == null) {
        enter(State.DROP, 0); // the validator rejects data before fmt
      } else {
        dataBytes = size;
        enter(State.DATA, size);
      }
    } else {
      enter(State.SKIP, padded);
    }
  }

  /** Switches to {@code next} for a payload of {@code bytes}, moving on at once if it is empty. */
  private void enter(State next, long bytes) {
    remaining = bytes;
    state = next;
    if (bytes == 0) {
      switch (next) {
        case FMT, SKIP -> state = State.CHUNK_HEADER; // the validator rejects an empty fmt
        case DATA -> state = State.DROP; // the converter starts at finish()
        default -> {}
      }
    }
  }

  /** Once the {@code fmt } payload is complete: plan the conversion. */
  private void decide() {
    if (fmtSize < FmtChunk.MIN_SIZE || fmtSize > FmtChunk.MAX_SIZE) {
      state = State.DROP; // the validator rejects this size
      return;
    }
    FmtChunk parsed;
    try {
      parsed = FmtChunk.parse(fmt, (int) fmtSize);
    } catch (InvalidWavException e) {
      state = State.DROP; // the validator rejects it the same way
      return;
    }
    ConversionPlan decided =
        ConversionPlan.of(parsed.encoding(), parsed.channels(), parsed.sampleRate(), mode);
    plan = decided;
    state = State.CHUNK_HEADER;
  }

  /**
   * The sample converter, created (and the output header written) on the first audio byte or at the
   * end: by then the validator has accepted the {@code data} header.
   */
  private SampleConverter converter() throws IOException {
    SampleConverter existing = converter;
    if (existing != null) {
      return existing;
    }
    ConversionPlan accepted = plan;
    if (accepted == null) {
      throw new IllegalStateException("audio before the format");
    }
    long frames = dataBytes / accepted.inputBlockAlign();
    if (!accepted.fitsRiff(frames)) {
      throw new Refused(
          new InvalidWavException(
              WavProblem.TOO_LARGE,
              "converted, "
                  + accepted.outputFileBytes(frames)
                  + " bytes would exceed the 4 GiB RIFF limit"));
    }
    byte[] target =
        WavWriter.header(
            AudioEncoding.ULAW,
            accepted.outputChannels(),
            ConversionPlan.TARGET_RATE,
            accepted.outputDataBytes(frames));
    out.write(target);
    written = target.length;
    SampleConverter created = new SampleConverter(accepted, frames, out);
    converter = created;
    return created;
  }
}
