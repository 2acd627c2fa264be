-- Custodian schema, version 5: the mail stream. Each SMS, MMS and WhatsApp message goes as one
-- EML to the organisation's journaling mailbox over SMTP, through the same destinations, batches,
-- runs and purge gate as SFTP offload.

alter table offload_destinations drop constraint offload_destinations_stream_check;
alter table offload_destinations add constraint offload_destinations_stream_check
    check (stream in ('voice', 'messages', 'mail'));

-- An SFTP destination needs a user, a pinned host key and a directory; a mail destination has
-- none of them (its AUTH user, if any, is in username) and keeps its own settings below.
alter table offload_destinations alter column username drop not null;
alter table offload_destinations alter column host_key drop not null;
alter table offload_destinations alter column directory drop not null;
alter table offload_destinations add constraint offload_destinations_sftp_fields
    check (stream = 'mail' or (username is not null and host_key is not null and directory is not null));

create table offload_mail_settings (
    org_id                  text not null,
    stream                  text not null default 'mail' check (stream = 'mail'),
    tls                     text not null check (tls in ('starttls', 'implicit', 'none')),
    envelope_sender         text not null,
    recipients              text[] not null check (cardinality(recipients) > 0),
    participant_domain      text not null,
    known_addresses         jsonb not null default '{}',
    trusted_certificates    text,
    messages_per_connection int not null check (messages_per_connection > 0),
    rate_per_minute         int not null check (rate_per_minute >= 0),   -- 0: no limit
    primary key (org_id, stream),
    foreign key (org_id, stream) references offload_destinations (org_id, stream)
);

-- Each message of a mail batch is settled on its own: delivered (the server's 250 after DATA,
-- with the queue id it gave), or dead (a 5xx reply, or too many 4xx replies): kept in the vault,
-- shown in the API, until an operator retries it. SFTP items leave these columns null.
alter table offload_batch_items add column state text
    check (state in ('pending', 'delivered', 'dead'));
alter table offload_batch_items add column attempts int not null default 0;
alter table offload_batch_items add column reply text;
alter table offload_batch_items add column queue_id text;
alter table offload_batch_items add column settled_at timestamptz;
create index offload_batch_items_dead on offload_batch_items (batch_id) where state = 'dead';
create index offload_batch_items_record on offload_batch_items (record_id);
