-- Custodian schema, version 4: a voice batch keeps the channel mode it was cut with, so that
-- changing the destination's channelMode never changes the files of a batch partly delivered.
alter table offload_batches add column channel_mode text check (channel_mode in ('keep', 'mix'));
update offload_batches b set channel_mode = d.channel_mode
  from offload_destinations d
 where b.org_id = d.org_id and b.stream = d.stream and b.stream = 'voice';
