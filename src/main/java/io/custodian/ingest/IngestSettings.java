package io.custodian.ingest;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of intake.
 *
 * @param maxAudioSize the largest WAV file accepted (413 above)
 * @param maxMetadataSize the largest metadata JSON part of a call
 * @param maxMessageSize the largest message JSON document, attachments included
 */
@Validated
@ConfigurationProperties("custodian.ingest")
public record IngestSettings(
    @NotNull DataSize maxAudioSize,
    @NotNull DataSize maxMetadataSize,
    @NotNull DataSize maxMessageSize) {}
