-- Custodian schema, version 1: tenancy, identity, vault objects, records and the audit trail.

create table organisations (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null,
    -- the last intake sequence number handed out; offload batches are cut by it
    intake_seq  bigint not null default 0
);

create table sub_organisations (
    org_id      text not null references organisations (id),
    id          text not null,
    name        text not null,
    created_at  timestamptz not null,
    primary key (org_id, id)
);

create table api_keys (
    id          uuid primary key,
    key_hash    bytea not null unique,
    key_prefix  text not null,
    org_id      text references organisations (id),
    admin       boolean not null,
    label       text not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz,
    check (admin = (org_id is null))
);

-- One encrypted object in the blob store: its data key, wrapped by the key-encryption key, and
-- the SHA-256 of the plaintext, checked on every read.
create table vault_objects (
    id           uuid primary key,
    org_id       text not null references organisations (id),
    sha256       bytea not null,
    size_bytes   bigint not null,
    wrapped_key  bytea not null,
    kek_id       text not null,
    created_at   timestamptz not null
);

create table recordings (
    id               uuid primary key,
    org_id           text not null references organisations (id),
    sub_org_id       text,
    intake_seq       bigint not null,
    source_id        text not null,
    request_digest   bytea not null,
    call_id          text,
    direction        text not null,
    participants     text not null,   -- JSON array, as received after validation
    started_at       timestamptz not null,
    ended_at         timestamptz not null,
    device_id        text,
    location         text,            -- JSON object or null
    object_id        uuid not null references vault_objects (id),
    audio_encoding   text not null,
    channels         int not null,
    sample_rate      int not null,
    duration_ms      bigint not null,
    received_at      timestamptz not null,
    unique (org_id, source_id),
    unique (org_id, intake_seq),
    foreign key (org_id, sub_org_id) references sub_organisations (org_id, id)
);

create table messages (
    id               uuid primary key,
    org_id           text not null references organisations (id),
    sub_org_id       text,
    intake_seq       bigint not null,
    source_id        text not null,
    request_digest   bytea not null,
    channel          text not null,
    direction        text not null,
    sender           text not null,
    recipients       text not null,   -- JSON array
    sent_at          timestamptz not null,
    thread_id        text,
    body_object_id   uuid not null references vault_objects (id),
    attachments      text not null,   -- JSON array of {index, mediaType, fileName, objectId, sha256, size}
    received_at      timestamptz not null,
    unique (org_id, source_id),
    unique (org_id, intake_seq),
    foreign key (org_id, sub_org_id) references sub_organisations (org_id, id)
);

-- The audit trail: append-only, each entry chained to the previous by SHA-256 (docs/audit.md).
create table audit_log (
    seq          bigint primary key,
    recorded_at  timestamptz not null,
    actor        text not null,
    action       text not null,
    org_id       text,
    subject      text,
    outcome      text not null,
    detail       text not null,
    prev_hash    bytea not null,
    entry_hash   bytea not null
);

-- Spring Modulith's event publication registry (schema v2), so that failed listeners are retried.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
