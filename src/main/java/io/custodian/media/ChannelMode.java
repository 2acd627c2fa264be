package io.custodian.media;

/**
 * How stereo input reaches the offload target: customers either want one party per channel or a
 * single mixed track, and the choice decides whether the samples of stereo u-law are copied
 * unchanged.
 */
public enum ChannelMode {
  /** One party per channel: stereo stays stereo, mono stays mono. */
  KEEP,
  /** Stereo is mixed down to mono (the average of both channels). */
  MIX
}
