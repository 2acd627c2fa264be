package io.custodian.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a WAV stream byte for byte while validating it strictly, so an untrusted upload can be
 * hashed, encrypted and stored in the same single pass that decides whether it is acceptable.
 *
 * <p>The verdict takes time and memory bounded by {@code maxBytes} and one fixed 64 KiB buffer:
 * declared sizes are only compared, never used to allocate, and at most 40 bytes of a {@code fmt }
 * chunk are held. Rules, in the order they are checked:
 *
 * <ul>
 *   <li>{@code RIFF} size {@code WAVE}, then chunks (id, unsigned 32-bit little-endian size,
 *       payload, a pad byte after odd sizes).
 *   <li>A declared size of {@code 0xFFFFFFFF} (the streaming "unknown length" marker) in the RIFF
 *       header or any chunk, or a chunk reaching past the 4 GiB RIFF limit, is {@link
 *       WavProblem#CHUNK_SIZE_OVERFLOW}, reported as soon as the header is read.
 *   <li>A RIFF size or chunk whose end lies beyond {@code maxBytes} is {@link WavProblem#TOO_LARGE}
 *       before its payload is read; so is a stream that actually goes beyond {@code maxBytes}.
 *   <li>Everything before the {@code data} payload must fit in 1 MiB ({@link
 *       WavProblem#HEADER_TOO_LARGE}).
 *   <li>Exactly one {@code fmt } (16, 18 or 40 bytes; PCM 16-bit, u-law or A-law 8-bit, also as
 *       WAVE_FORMAT_EXTENSIBLE; 8000 or 16000 Hz; 1 or 2 channels; consistent block align and byte
 *       rate) before exactly one {@code data} chunk of whole frames. Other chunks are copied
 *       unexamined.
 *   <li>The stream ending inside a chunk header or payload, or before the {@code data} chunk is
 *       complete, is {@link WavProblem#TRUNCATED}. Once the {@code data} chunk is complete, any
 *       disagreement between the RIFF size and the actual length (the stream ending early at a
 *       chunk boundary, a chunk running past the RIFF end, or bytes after it) is {@link
 *       WavProblem#RIFF_SIZE_MISMATCH}.
 * </ul>
 *
 * Instances are immutable and thread-safe.
 */
public final class WavValidator {

  /**
   * Cap on the bytes before the {@code data} payload (RIFF header, {@code fmt } and any metadata
   * chunks).
   */
  static final long MAX_HEADER_BYTES = 1L << 20;

  private static final int RIFF_HEADER_SIZE = 12;
  private static final int CHUNK_HEADER_SIZE = 8;

  private final long maxBytes;

  /**
   * Creates a validator for files of at most {@code maxBytes} bytes in total.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public WavValidator(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /**
   * Reads {@code in} to its end, writing every byte unchanged to {@code out} as it is read (in
   * pieces of at most 64 KiB); returns the format, or throws as soon as the stream is known to be
   * unacceptable. Neither stream is closed or flushed. On failure {@code out} holds a prefix of the
   * input and {@code in} is left partly read.
   *
   * @throws IOException only when reading {@code in} or writing {@code out} fails
   * @throws InvalidWavException when the stream is not an acceptable WAV file
   */
  public WavFormat copy(InputStream in, OutputStream out) throws IOException, InvalidWavException {
    CopyingReader reader = new CopyingReader(in, out, maxBytes);
    long riffEnd = readRiffHeader(reader);
    byte[] header = new byte[CHUNK_HEADER_SIZE];
    FmtChunk fmt = null;
    long dataBytes = -1;
    while (true) {
      long start = reader.position();
      if (start == riffEnd) {
        if (!reader.atEnd()) {
          throw new InvalidWavException(
              WavProblem.RIFF_SIZE_MISMATCH, "bytes follow the RIFF end at " + riffEnd);
        }
        break;
      }
      if (start > riffEnd) {
        throw new InvalidWavException(
            WavProblem.RIFF_SIZE_MISMATCH,
            "chunks run to byte " + start + ", past the RIFF end at " + riffEnd);
      }
      int got = reader.readUpTo(header, CHUNK_HEADER_SIZE);
      if (got == 0) {
        throw dataBytes >= 0
            ? new InvalidWavException(
                WavProblem.RIFF_SIZE_MISMATCH,
                "file ends at byte " + start + " but the RIFF size says " + riffEnd)
            : new InvalidWavException(WavProblem.TRUNCATED, "stream ended at byte " + start);
      }
      if (got < CHUNK_HEADER_SIZE) {
        throw new InvalidWavException(
            WavProblem.TRUNCATED,
            "stream ended at byte " + (start + got) + " inside a chunk header");
      }
      long size = LittleEndian.u32(header, 4);
      long padded = size + (size & 1);
      long end = start + CHUNK_HEADER_SIZE + padded;
      String id = Riff.idToString(header, 0);
      checkDeclaredEnd(size, end, "chunk " + id + " at byte " + start);
      if (Riff.isId(header, 0, Riff.FMT)) {
        if (fmt != null) {
          throw new InvalidWavException(WavProblem.DUPLICATE_FMT, "second 'fmt ' at byte " + start);
        }
        if (size < FmtChunk.MIN_SIZE || size > FmtChunk.MAX_SIZE) {
          throw new InvalidWavException(WavProblem.FMT_SIZE, "'fmt ' size " + size);
        }
        checkHeaderSize(dataBytes, end);
        byte[] payload = new byte[(int) padded];
        reader.readExactly(payload, payload.length, "'fmt ' chunk");
        fmt = FmtChunk.parse(payload, (int) size);
      } else if (Riff.isId(header, 0, Riff.DATA)) {
        if (dataBytes >= 0) {
          throw new InvalidWavException(
              WavProblem.DUPLICATE_DATA, "second 'data' at byte " + start);
        }
        if (fmt == null) {
          throw new InvalidWavException(WavProblem.DATA_BEFORE_FMT, "'data' at byte " + start);
        }
        checkHeaderSize(dataBytes, start + CHUNK_HEADER_SIZE);
        if (size % fmt.blockAlign() != 0) {
          throw new InvalidWavException(
              WavProblem.DATA_NOT_WHOLE_FRAMES,
              size + " bytes with block align " + fmt.blockAlign());
        }
        reader.transfer(padded, "'data' chunk");
        dataBytes = size;
      } else {
        checkHeaderSize(dataBytes, end);
        reader.transfer(padded, "chunk " + id);
      }
    }
    if (fmt == null) {
      throw new InvalidWavException(WavProblem.MISSING_FMT, "");
    }
    if (dataBytes < 0) {
      throw new InvalidWavException(WavProblem.MISSING_DATA, "");
    }
    return fmt.withData(dataBytes);
  }

  /**
   * Reads and checks {@code RIFF <size> WAVE}; returns the absolute offset where the RIFF form
   * ends.
   */
  private long readRiffHeader(CopyingReader reader) throws IOException, InvalidWavException {
    byte[] header = new byte[RIFF_HEADER_SIZE];
    int got = reader.readUpTo(header, RIFF_HEADER_SIZE);
    if (got == 0) {
      throw new InvalidWavException(WavProblem.EMPTY, "");
    }
    if (!Riff.prefixMatches(header, 0, got, Riff.RIFF)) {
      throw new InvalidWavException(WavProblem.NOT_RIFF, "");
    }
    if (got > 8 && !Riff.prefixMatches(header, 8, got - 8, Riff.WAVE)) {
      throw new InvalidWavException(WavProblem.NOT_WAVE, "form type " + Riff.idToString(header, 8));
    }
    if (got < RIFF_HEADER_SIZE) {
      throw new InvalidWavException(
          WavProblem.TRUNCATED, "stream ended at byte " + got + " in the RIFF header");
    }
    long riffSize = LittleEndian.u32(header, 4);
    long riffEnd = 8 + riffSize;
    checkDeclaredEnd(riffSize, riffEnd, "RIFF header");
    if (riffSize < 4) {
      throw new InvalidWavException(WavProblem.RIFF_SIZE_MISMATCH, "RIFF size " + riffSize);
    }
    return riffEnd;
  }

  /**
   * Fails fast on a declared size that is the unknown-length marker, overflows RIFF, or exceeds the
   * limit.
   */
  private void checkDeclaredEnd(long size, long end, String where) throws InvalidWavException {
    if (size == Riff.MAX_U32 || end > Riff.MAX_RIFF_END) {
      throw new InvalidWavException(
          WavProblem.CHUNK_SIZE_OVERFLOW, where + " declares size " + size);
    }
    if (end > maxBytes) {
      throw new InvalidWavException(
          WavProblem.TOO_LARGE,
          where + " declares size " + size + ", reaching byte " + end + " of at most " + maxBytes);
    }
  }

  /** Before the {@code data} chunk, fails fast when the header region would pass its cap. */
  private static void checkHeaderSize(long dataBytes, long end) throws InvalidWavException {
    if (dataBytes < 0 && end > MAX_HEADER_BYTES) {
      throw new InvalidWavException(
          WavProblem.HEADER_TOO_LARGE, "audio data would start after byte " + MAX_HEADER_BYTES);
    }
  }
}
