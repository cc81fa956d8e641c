-- "La mia partecipazione" lists a person's comments, newest first (GET /api/me/comments); the export and the erasure
-- find them by author too.
CREATE INDEX comment_author ON comment (author_id, created_at DESC, id);
