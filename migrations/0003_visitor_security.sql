-- 0003 — visitor token revocation (hand-written). A visitor token carries the generation
-- it was signed under; bumping a contact's generation revokes every token of that contact
-- (identity changes), bumping an inbox's revokes the tokens of its verified visitors
-- (rotation of the identity secret). See worker/auth/widget-token.ts.
ALTER TABLE `contacts` ADD `token_generation` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `inboxes` ADD `visitor_token_generation` integer DEFAULT 0 NOT NULL;
