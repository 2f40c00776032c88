-- An inbox's agent bot (worker/protocol/agent-bot.ts AgentBot, as JSON; null: none) and
-- its signing secret, sealed (AES-GCM under CREDENTIALS_KEY, worker/bots/agent/secret.ts):
-- the outbox must read it back to sign. New conversations in an inbox whose agent bot is
-- enabled start in `bot`.
ALTER TABLE `inboxes` ADD COLUMN `agent_bot` text;
ALTER TABLE `inboxes` ADD COLUMN `agent_bot_secret` text;
