-- The comments' moderation queue (issue #27): a flag is open until a moderator's next decision on the comment (hide,
-- restore, or keep it visible), which sets flags_reviewed_at from the database's clock, the clock the flags' created_at
-- comes from. The queue reads flagged comments and hidden comments of one plan through these partial indexes.
ALTER TABLE comment ADD COLUMN flags_reviewed_at timestamptz;
UPDATE comment SET flags_reviewed_at = moderated_at WHERE moderated_at IS NOT NULL;
CREATE INDEX comment_flagged ON comment (plan_id) WHERE flags > 0 AND deleted_at IS NULL;
CREATE INDEX comment_hidden ON comment (plan_id, moderated_at DESC) WHERE visibility = 'HIDDEN' AND deleted_at IS NULL;
