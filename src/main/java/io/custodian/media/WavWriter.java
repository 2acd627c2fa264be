package io.custodian.media;

/**
 * Writes canonical WAV headers, used to produce u-law files for offload and synthetic test and demo
 * audio; every file it describes passes {@link WavValidator} when its parameters are ones the
 * validator accepts.
 */
public final class WavWriter {

  private static final int PCM_HEADER_SIZE = 44;
  private static final int NON_PCM_HEADER_SIZE = 58;
  private static final int NON_PCM_FMT_SIZE = 18;
  private static final int FACT_SIZE = 4;

  private WavWriter() {}

  /**
   * The header of a WAV file with {@code dataBytes} of audio: 44 bytes ({@code fmt } of 16 bytes)
   * for PCM; 58 bytes for u-law and A-law, whose 18-byte {@code fmt } has cbSize 0 and is followed
   * by a {@code fact} chunk holding the frame count, as the RIFF/WAVE spec asks of non-PCM formats.
   * The {@code data} chunk comes last; its payload must follow the header, plus one zero pad byte
   * when {@code dataBytes} is odd (the RIFF size counts that pad).
   *
   * @throws IllegalArgumentException if {@code dataBytes} is negative, not whole frames, or too
   *     large for RIFF, or the channel count or sample rate cannot be represented
   */
  public static byte[] header(
      AudioEncoding encoding, int channels, int sampleRate, long dataBytes) {
    if (channels < 1 || channels > 0xFFFF) {
      throw new IllegalArgumentException("channels out of range: " + channels);
    }
    if (sampleRate < 1) {
      throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
    }
    int blockAlign = channels * encoding.bitsPerSample() / 8;
    long byteRate = (long) sampleRate * blockAlign;
    if (blockAlign > 0xFFFF || byteRate > Riff.MAX_U32) {
      throw new IllegalArgumentException(
          "format too wide for WAV: " + channels + " channels at " + sampleRate);
    }
    if (dataBytes < 0 || dataBytes % blockAlign != 0) {
      throw new IllegalArgumentException(
          "dataBytes must be a non-negative whole number of "
              + blockAlign
              + "-byte frames: "
              + dataBytes);
    }
    boolean pcm = encoding == AudioEncoding.PCM_S16LE;
    int headerSize = pcm ? PCM_HEADER_SIZE : NON_PCM_HEADER_SIZE;
    long riffSize = headerSize - 8 + dataBytes + (dataBytes & 1);
    if (riffSize >= Riff.MAX_U32) {
      throw new IllegalArgumentException("dataBytes too large for a RIFF file: " + dataBytes);
    }
    byte[] header = new byte[headerSize];
    System.arraycopy(Riff.RIFF, 0, header, 0, 4);
    LittleEndian.putU32(header, 4, riffSize);
    System.arraycopy(Riff.WAVE, 0, header, 8, 4);
    System.arraycopy(Riff.FMT, 0, header, 12, 4);
    LittleEndian.putU32(header, 16, pcm ? 16 : NON_PCM_FMT_SIZE);
    LittleEndian.putU16(header, 20, encoding.formatTag());
    LittleEndian.putU16(header, 22, channels);
    LittleEndian.putU32(header, 24, sampleRate);
    LittleEndian.putU32(header, 28, byteRate);
    LittleEndian.putU16(header, 32, blockAlign);
    LittleEndian.putU16(header, 34, encoding.bitsPerSample());
    int offset = 36;
    if (!pcm) {
      LittleEndian.putU16(header, offset, 0); // cbSize
      offset += 2;
      System.arraycopy(Riff.FACT, 0, header, offset, 4);
      LittleEndian.putU32(header, offset + 4, FACT_SIZE);
      LittleEndian.putU32(header, offset + 8, dataBytes / blockAlign); // dwSampleLength
      offset += 12;
    }
    System.arraycopy(Riff.DATA, 0, header, offset, 4);
    LittleEndian.putU32(header, offset + 4, dataBytes);
    return header;
  }

  /**
   * A complete WAV file: {@link #header} followed by {@code data} and, when its length is odd, a
   * zero pad byte.
   *
   * @throws IllegalArgumentException as {@link #header} does
   */
  public static byte[] wav(AudioEncoding encoding, int channels, int sampleRate, byte[] data) {
    byte[] header = header(encoding, channels, sampleRate, data.length);
    byte[] file = new byte[header.length + data.length + (data.length & 1)];
    System.arraycopy(header, 0, file, 0, header.length);
    System.arraycopy(data, 0, file, header.length, data.length);
    return file;
  }
}
