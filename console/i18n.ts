/**
 * @module Every string the console shows, in one object so a translation (pt-BR next) is
 * one more object of the same type.
 */

export const en = {
  appName: "Switchboard",
  loading: "Loading…",
  setup: {
    title: "Create the owner account",
    intro: "This Switchboard has no agents yet. The first account owns it.",
    submit: "Create owner account",
  },
  login: {
    title: "Sign in",
    submit: "Sign in",
  },
  fields: {
    name: "Name",
    email: "E-mail",
    password: "Password",
    passwordHint: (min: number) => `At least ${min} characters.`,
  },
  header: {
    signedInAs: (name: string) => `Signed in as ${name}`,
    logout: "Log out",
  },
  inbox: {
    missing: "There is no web chat inbox yet. Create one to put the chat on a website.",
    missingAgent: "There is no web chat inbox yet. Ask an administrator to create one.",
    create: "Create web chat inbox",
    defaultName: "Website",
    created: (name: string) => `Web chat inbox “${name}” is ready.`,
    tryIt: "Open the demo page",
    snippet: "Embed code",
  },
  list: {
    title: "Conversations",
    filter: "Show",
    filters: { open: "Open", resolved: "Resolved", all: "All" },
    empty: "No conversations here.",
    visitor: "Visitor",
    noMessages: "No messages yet",
    live: { connecting: "Connecting…", online: "Live", offline: "Reconnecting…" },
  },
  conversation: {
    none: "Pick a conversation from the list.",
    notFound: "This conversation does not exist.",
    assignToMe: "Assign to me",
    resolve: "Resolve",
    reopen: "Reopen",
    unassigned: "Unassigned",
    assignedTo: (name: string) => `Assigned to ${name}`,
    status: { bot: "Bot", open: "Open", resolved: "Resolved", snoozed: "Snoozed" },
    messages: "Messages",
    reply: "Reply",
    send: "Send",
    sending: "Sending…",
    notSent: (why: string) => `Not sent: ${why}`,
    you: "You",
    agent: "Agent",
    contact: "Visitor",
    system: "System",
    statusChanged: (to: string) => `Status changed to ${to}`,
    assigned: (name: string | null) => (name ? `Assigned to ${name}` : "Unassigned"),
  },
  errors: {
    generic: (message: string) => `Something went wrong: ${message}`,
  },
};

export type Strings = typeof en;

/** The active language. One for now; picking by `navigator.language` comes with pt-BR. */
export const t: Strings = en;
