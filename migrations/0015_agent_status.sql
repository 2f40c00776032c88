-- Issue 14, agent status: the availability the agent sets (online/away). Whether they
-- are connected at all lives in the team's TeamQueue (its sockets and SQLite).
ALTER TABLE `agents` ADD COLUMN `availability` text DEFAULT 'online' NOT NULL;
