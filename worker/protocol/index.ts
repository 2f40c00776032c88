/**
 * @module The contract between worker, widget and console. Import shapes from here;
 * never restate one by hand.
 */
export * from "./limits";
export * from "./text";
export * from "./errors";
export * from "./events";
export * from "./message-content";
export * from "./channels";
export * from "./summary";
export * from "./frames";
export * from "./api";
export * from "./webchat";
export * from "./console";
export * from "./profile";
export * from "./teams";
export * from "./queue";
export * from "./visitor-context";
export * from "./agent-admin";
export * from "./tokens";
export * from "./agent-status";
export * from "./routing";
export * from "./priority";
export * from "./automation";
export * from "./bots";
export * from "./webhooks";
export * from "./agent-bot";
export * from "./api-channel";
export * from "./consent";
export * from "./audit";
export * from "./rights";
export * from "./outbound";
export * from "./consent-api";
export * from "./consent-text";
export * from "./portal";
export * from "./reports";
export * from "./help-center";
