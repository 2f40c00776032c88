/**
 * Kept only so test files written against the old single helpers module still compile
 * while parallel branches merge: new code imports the module for its concern instead —
 * http-client.ts (requests), fixtures.ts (owner, agents, inboxes, visitors),
 * socket-harness.ts (WebSockets), assertions.ts (error shape, eventually) and
 * stored-rows.ts ("stored nothing"). Delete once nothing imports it.
 */
export * from "./assertions";
export * from "./fixtures";
export * from "./http-client";
export * from "./socket-harness";
export * from "./stored-rows";
