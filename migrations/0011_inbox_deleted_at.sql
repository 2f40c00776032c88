-- Issue 12: deleting an inbox (DELETE /api/v1/inboxes/{id}) is a soft delete. The row
-- stays so its conversations keep their inbox (name, kind) in history; `deleted_at` set
-- takes it out of every lookup for new work: lists, webhooks (404), the widget (404).
ALTER TABLE `inboxes` ADD `deleted_at` integer;
