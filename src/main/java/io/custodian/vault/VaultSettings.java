package io.custodian.vault;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the vault.
 *
 * @param blobDirectory where encrypted blobs live
 * @param keysetFile the local key-encryption keyset, created at first start with mode 0600
 * @param orphanGrace how old an unreferenced blob must be before the sweeper deletes it
 * @param sweepInterval how often the orphan sweeper runs
 * @param minFreeSpace intake is refused (507) when the blob directory has less free space
 * @param cipherWarmUp how much throwaway data is encrypted after start so that the JIT compiles
 *     AES-GCM before intake needs it; 0 turns the warm-up off
 */
@Validated
@ConfigurationProperties("custodian.vault")
public record VaultSettings(
    @NotNull Path blobDirectory,
    @NotNull Path keysetFile,
    @NotNull Duration orphanGrace,
    @NotNull Duration sweepInterval,
    @NotNull DataSize minFreeSpace,
    @NotNull DataSize cipherWarmUp) {}
