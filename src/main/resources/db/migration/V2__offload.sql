-- Custodian schema, version 2: offload destinations, batches and their delivery.

-- The audio's data chunk length, so that the size of a converted file is known before it is
-- sent. 0 for recordings taken in before this column existed: their size is found by converting.
alter table recordings add column audio_data_bytes bigint not null default 0;

-- One destination per organisation and stream, configured at the main organisation and applied
-- to its sub-organisations. Secrets are sealed with the key-encryption key, never returned.
create table offload_destinations (
    org_id              text not null references organisations (id),
    stream              text not null check (stream in ('voice', 'messages')),
    host                text not null,
    port                int not null,
    username            text not null,
    host_key            text not null,
    password_sealed     bytea,
    private_key_sealed  bytea,
    directory           text not null,
    every_seconds       int,             -- cut a batch every so often (voice), or
    daily_at            time,            -- once a day at this UTC time (messages)
    transfer_timeout_ms bigint not null,
    parallelism         int not null,
    channel_mode        text not null check (channel_mode in ('keep', 'mix')),
    verify_content      boolean not null,
    purge_after_delivery boolean not null,
    enabled             boolean not null,
    next_cut_at         timestamptz not null,
    lease_owner         text,
    lease_until         timestamptz,
    updated_at          timestamptz not null,
    primary key (org_id, stream),
    check ((every_seconds is null) <> (daily_at is null))
);

-- A cut batch never changes: its items and name are frozen when it is cut.
create table offload_batches (
    id              uuid primary key,
    org_id          text not null,
    stream          text not null,
    seq             bigint not null,
    name            text not null unique,
    cut_at          timestamptz not null,
    after_intake_seq bigint not null,     -- exclusive
    to_intake_seq   bigint not null,      -- inclusive
    item_count      int not null,
    status          text not null check (status in ('pending', 'delivered')),
    attempts        int not null default 0,
    last_error      text,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    unique (org_id, stream, seq),
    foreign key (org_id, stream) references offload_destinations (org_id, stream)
);

create table offload_batch_items (
    batch_id      uuid not null references offload_batches (id),
    position      int not null,
    record_id     uuid not null,
    file_name     text,
    file_size     bigint,
    file_sha256   bytea,
    primary key (batch_id, position),
    unique (batch_id, record_id)
);

-- Every delivery attempt of a batch, for the API, metrics and the log.
create table offload_runs (
    id            uuid primary key,
    batch_id      uuid not null references offload_batches (id),
    started_at    timestamptz not null,
    completed_at  timestamptz,
    files_sent    int not null default 0,
    files_skipped int not null default 0,
    bytes_sent    bigint not null default 0,
    outcome       text,                   -- delivered, failed
    error         text
);
create index offload_runs_by_batch on offload_runs (batch_id, started_at);
