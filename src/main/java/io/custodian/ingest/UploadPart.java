package io.custodian.ingest;

import java.io.InputStream;

/**
 * One part of a multipart upload as it streams in: its form field name and its body, readable once,
 * before the next part.
 */
public record UploadPart(String name, InputStream body) {}
