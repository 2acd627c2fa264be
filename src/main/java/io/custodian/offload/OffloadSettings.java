package io.custodian.offload;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Defaults and limits of offload; each destination may set its own schedule and timeout.
 *
 * @param tick how often the service looks for batches to cut and deliver
 * @param voiceEvery the default voice schedule: a batch every so often
 * @param messagesDailyAt the default message schedule: one batch a day at this UTC time
 * @param transferTimeout the default bound on one file's transfer
 * @param parallelism the default number of files sent at once on one destination
 * @param maxBatchItems the most records one batch takes; the rest go in the next
 * @param retryMin the first wait after a failed delivery; it doubles up to retryMax
 * @param retryMax the longest wait between delivery attempts
 * @param lease how long one node holds a destination without renewing it; renewed between files, so
 *     after a crash another node (or the restarted one) takes over within this time
 * @param backlogAlertAge the alert gauge rises when the oldest undelivered batch is older
 * @param backlogAlertSize the alert gauge rises when undelivered batches hold more content
 * @param mailMaxDeferrals after this many 4xx replies to one message, it becomes a dead letter
 */
@Validated
@ConfigurationProperties("custodian.offload")
public record OffloadSettings(
    @NotNull Duration tick,
    @NotNull Duration voiceEvery,
    @NotNull LocalTime messagesDailyAt,
    @NotNull Duration transferTimeout,
    int parallelism,
    int maxBatchItems,
    @NotNull Duration retryMin,
    @NotNull Duration retryMax,
    @NotNull Duration lease,
    @NotNull Duration backlogAlertAge,
    @NotNull DataSize backlogAlertSize,
    @Positive int mailMaxDeferrals) {}
