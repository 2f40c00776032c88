/**
 * @module Settings → Inboxes and Teams: the admin's writes, and a channel's connection
 * test. Each response is parsed with the protocol's schema (see ../api.ts `call`).
 */
import { ApiChannelSecret, ConnectionTest, IdentitySecret, Inbox, Team, WebchatSettings, type CreateInboxBody, type UpdateInboxBody } from "../../worker/protocol";
import { api, call } from "../api";

const inboxPath = (id: string, rest = "") => `/api/v1/inboxes/${encodeURIComponent(id)}${rest}`;

export const inboxApi = {
  list: async () => (await api.inboxes()).inboxes,
  /** A web chat inbox takes a name; a provider channel also its settings and credentials. */
  create: (body: CreateInboxBody) => call(Inbox, "/api/v1/inboxes", { method: "POST", body }),
  update: (id: string, body: UpdateInboxBody) => call(Inbox, inboxPath(id), { method: "PATCH", body }),
  /** Calls the provider with the saved credentials; `ok: false` carries its answer. */
  testConnection: (id: string) => call(ConnectionTest, inboxPath(id, "/test-connection"), { method: "POST", body: {} }),
  /** A new identity secret: the answer is the only time it is shown. */
  rotateSecret: (id: string) => call(IdentitySecret, inboxPath(id, "/identity-secret"), { method: "POST", body: {} }),
  /** The API channel's new signing secret: the answer is the only time it is shown. */
  rollApiSecret: (id: string) => call(ApiChannelSecret, inboxPath(id, "/api-secret"), { method: "POST", body: {} }),
  teams: async () => (await api.teams()).teams,
  renameTeam: (id: string, name: string) => call(Team, `/api/v1/teams/${encodeURIComponent(id)}`, { method: "PATCH", body: { name } }),
};

/** An inbox's settings as the widget will read them: what is stored, with the
 * protocol's defaults for whatever is missing (an inbox made before a setting existed). */
export function webchatSettings(inbox: Inbox): WebchatSettings {
  const parsed = WebchatSettings.safeParse(inbox.settings);
  return parsed.success ? parsed.data : WebchatSettings.parse({});
}

/** The one tag a website needs: the loader, pointed at this inbox's public key. */
export function embedSnippet(origin: string, publicKey: string): string {
  return `<script src="${origin}/widget.js" data-inbox="${publicKey}" async></script>`;
}
