-- A school may pause a member's training for a period (leave, long illness), with its
-- reason: nothing falls due meanwhile and deadlines move on by the pause (the status
-- rule's `Pause`). One pause per membership: recording another replaces it, and the
-- audit log keeps every one. Updating a membership already marks its school's standings
-- stale, so the dashboards see a pause at once.
ALTER TABLE memberships ADD COLUMN paused_from TEXT;
ALTER TABLE memberships ADD COLUMN paused_until TEXT;
ALTER TABLE memberships ADD COLUMN pause_reason TEXT;
