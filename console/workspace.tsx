/**
 * @module The signed-in console: header; the queue panel, the views, filters and live list (or search
 * results) on the left; the open conversation or the settings on the right; global
 * shortcuts, alerts and the unread count in the tab title. Owns the one ConversationStore
 * every part reads.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { NO_TEAM_FEED, type ConversationItem, type Me } from "../worker/protocol";
import { api, errorMessage } from "./api";
import { s as app } from "./i18n";
import { InboxSetup } from "./inbox-setup";
import { ConversationStore } from "./list/conversation-store";
import { ConversationList } from "./list/conversation-list";
import { ListFilterPanel } from "./list/list-filters";
import { loadQuery, saveQuery } from "./list/saved-query";
import { useConversationList } from "./list/use-conversation-list";
import { nameOfTeam, useDirectory } from "./shared/use-directory";
import { QueuePanel } from "./queue/queue-panel";
import { useQueueLive } from "./list/use-queue-live";
import { useCountedViewsLoad, useViewCounts } from "./list/view-counts";
import { ViewNav } from "./list/view-nav";
import { effectiveFilters, type ListQuery } from "./list/view-query";
import { BellToggle, useAlertToggle } from "./notify/bell-toggle";
import { useUnreadTitle } from "./notify/page-title";
import { useAlerts } from "./notify/use-alerts";
import { conversationPath, listPath, navigate, useRoute } from "./router";
import { SearchBox, focusSearch } from "./search/search-box";
import { SearchResults } from "./search/search-results";
import { useSearch } from "./search/use-search";
import { DetailPane } from "./shell/detail-pane";
import { preloadParts } from "./shell/lazy-part";
import { s } from "./shell/strings";
import { Topbar } from "./shell/topbar";
import { useReadOpen } from "./shell/use-read-open";
import { useStepper, type Stop } from "./shell/use-stepper";
import { ShortcutHelp } from "./shortcuts/help-dialog";
import { useShortcuts } from "./shortcuts/use-shortcuts";
import { hasRole } from "./shell/roles";

/** Where the layout shows the list or the conversation, not both (see console.css). */
const NARROW_SCREEN = "(max-width: 720px)";

export function Workspace({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const meId = me.agent.id;
  const route = useRoute();
  const openId = route.name === "conversation" ? route.id : null;
  const [store] = useState(() => new ConversationStore());
  const [query, setQueryState] = useState<ListQuery>(() => loadQuery(meId));
  const setQuery = (next: ListQuery) => {
    setQueryState(next);
    saveQuery(meId, next);
  };
  const openIdRef = useRef(openId);
  openIdRef.current = openId;
  const live = useQueueLive({
    store,
    // Admins also follow conversations that no team has (they are in their Unassigned view).
    teamIds: hasRole(me, "admin") ? [...me.teamIds, NO_TEAM_FEED] : me.teamIds,
    isReading: (id) => id === openIdRef.current && document.visibilityState === "visible",
  });
  const list = useConversationList(store, query, meId, live);
  const counts = useViewCounts(store, meId);
  useCountedViewsLoad(store, live.since, !list.loading);
  // The pane and the settings load apart from the list; once the list is on screen, get
  // them ready, so the first conversation opened does not wait for the network.
  useEffect(() => {
    if (!list.loading) preloadParts();
  }, [list.loading]);
  const directory = useDirectory(route.name === "settings");
  const [searchText, setSearchText] = useState("");
  const search = useSearch(searchText);
  const searching = searchText.trim() !== "" || search.query !== "";
  const alerts = useAlertToggle();
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useReadOpen(store, openId);
  useAlerts(store, { enabled: alerts.enabled, meId, teamIds: me.teamIds, openId, prefs: me.profile.notifications });
  useUnreadTitle(counts.mine + counts.unassigned, app.appName);

  const stops: Stop[] = useMemo(
    () =>
      searching
        ? search.hits.map((h) => ({ id: h.conversationId, path: conversationPath(h.conversationId, h.seq) }))
        : list.ids.map((id) => ({ id, path: conversationPath(id) })),
    [searching, search.hits, list.ids],
  );
  const step = useStepper(stops, openId);
  const go = (delta: 1 | -1, leaveWhenNone: boolean) => {
    const stop = step(delta);
    if (stop) navigate(stop.path);
    else if (leaveWhenNone) navigate(listPath);
  };

  useShortcuts({
    next: () => go(1, false),
    previous: () => go(-1, false),
    search: focusSearch,
    help: () => setHelpOpen(true),
    conversationOpen: () => openIdRef.current !== null,
  });

  const star = async (item: ConversationItem, starred: boolean) => {
    store.patch(item.id, { starred }, "action");
    try {
      await api.star(item.id, starred);
      setNotice(null);
    } catch (err) {
      store.patch(item.id, { starred: !starred }, "action");
      setNotice(errorMessage(err));
    }
  };

  const filtered = Object.keys(effectiveFilters(query)).length > 0;
  // The profile, the reports and the help center are full-width pages like the settings.
  const inSettings = route.name === "settings" || route.name === "profile" || route.name === "reports" || route.name === "helpCenter";
  const onSearch = (text: string) => {
    setSearchText(text);
    // Results show in the list column: go where it is visible (not the settings, and not
    // a conversation on a phone-sized screen, where the list is hidden).
    if (text.trim() && (inSettings || (openId && matchMedia(NARROW_SCREEN).matches))) navigate(listPath);
  };

  return (
    <div class={`workspace${openId ? " workspace--open" : ""}${inSettings ? " workspace--settings" : ""}`}>
      <a class="skip-link" href="#list-column">
        {s.skipToList}
      </a>
      <Topbar
        me={me}
        inSettings={inSettings}
        search={<SearchBox value={searchText} onChange={onSearch} />}
        bell={<BellToggle enabled={alerts.enabled} permission={alerts.permission} onToggle={() => void alerts.toggle()} />}
        onHelp={() => setHelpOpen(true)}
        onLogout={onLogout}
      />
      <InboxSetup me={me} />
      {notice && (
        <p class="banner error" role="alert">
          {app.errors.generic(notice)}{" "}
          <button type="button" onClick={() => setNotice(null)}>
            {s.dismiss}
          </button>
        </p>
      )}
      <div class="panes">
        {!inSettings && (
          <>
            <aside class="sidebar">
              <QueuePanel store={store} teamName={(id) => nameOfTeam(directory, id)} />
              <ViewNav view={query.view} counts={counts} onView={(view) => setQuery({ ...query, view })} />
              <ListFilterPanel view={query.view} filters={query.filters} directory={directory} onChange={(filters) => setQuery({ ...query, filters })} />
            </aside>
            <div class="list-column" id="list-column" tabIndex={-1} data-shortcut-region="list">
              {searching ? (
                <SearchResults search={search} selectedId={openId} onClear={() => setSearchText("")} />
              ) : (
                <ConversationList
                  store={store}
                  list={list}
                  view={query.view}
                  filtered={filtered}
                  meId={meId}
                  selectedId={openId}
                  tags={directory.tagsById}
                  connection={live.state}
                  onStar={star}
                />
              )}
            </div>
          </>
        )}
        <DetailPane route={route} me={me} store={store} onNext={() => go(1, true)} />
      </div>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
