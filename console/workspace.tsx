/**
 * @module The signed-in console: header, the inbox prompt while there is none, the live
 * conversation list, and the open conversation.
 */
import { useState } from "preact/hooks";
import type { Me } from "../worker/protocol";
import { ConversationList, FILTER_STATUS, type ListFilterKey } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { InboxSetup } from "./inbox-setup";
import { useConversationRoute } from "./router";
import { useConversations } from "./use-conversations";
import { t } from "./i18n";

export function Workspace({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const [filter, setFilter] = useState<ListFilterKey>("open");
  const conversations = useConversations({ status: FILTER_STATUS[filter] });
  const openId = useConversationRoute();

  return (
    <div class="workspace">
      <header class="topbar">
        <strong>{t.appName}</strong>
        <span class="muted">{t.header.signedInAs(me.agent.name)}</span>
        <button type="button" onClick={onLogout}>
          {t.header.logout}
        </button>
      </header>
      <InboxSetup me={me} />
      <div class="panes">
        <ConversationList
          conversations={conversations.all}
          filter={filter}
          onFilter={setFilter}
          selectedId={openId}
          connection={conversations.connection}
          error={conversations.error}
        />
        <main class="detail">
          {openId ? (
            <ConversationView
              key={openId}
              id={openId}
              me={me}
              summary={conversations.all.get(openId)}
              onChange={conversations.upsert}
            />
          ) : (
            <p class="muted empty">{t.conversation.none}</p>
          )}
        </main>
      </div>
    </div>
  );
}
