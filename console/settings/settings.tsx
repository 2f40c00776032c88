/**
 * @module Settings, for admins: tags, canned responses, conversation types, inboxes
 * (each web chat inbox's settings and embed code), teams, routing rules, agents, contact
 * priority rules, API tokens, automation rules, outbound webhooks, campaigns and consent
 * purposes, one tab each, and for owners the audit log (read-only). The server allows writes to admins only; this
 * screen shows agents a note instead of forms, and if a save is refused (the role was
 * taken away meanwhile) it says so and hides the forms.
 *
 *   <Settings me={me} />   // mounted by the shell at /console/settings
 */
import { useRef, useState } from "preact/hooks";
import type { Me } from "../../worker/protocol";
import { hasRole } from "../shell/roles";
import { CannedSection } from "./canned-section";
import { InboxesSection } from "./inboxes-section";
import { TeamsSection } from "./teams-section";
import { RoutingSection } from "./routing-section";
import { rs } from "./routing-strings";
import { AgentsSection } from "./agents-section";
import { agentWords } from "./agent-strings";
import { s as is } from "./inbox-strings";
import { TagsSection } from "./tags-section";
import { PriorityRulesSection } from "./priority-rules-section";
import { priorityWords } from "./priority-strings";
import { TypesSection } from "./types-section";
import { TokensSection } from "./tokens-section";
import { tokenWords } from "./token-strings";
import { AutomationSection } from "./automation-section";
import { aw } from "./automation-strings";
import { WebhooksSection } from "./webhooks-section";
import { webhookWords } from "./webhook-strings";
import { CampaignsSection } from "../outbound/campaigns-section";
import { ow } from "../outbound/outbound-strings";
import { AuditLogSection } from "./audit-log-section";
import { auditWords } from "./audit-log-strings";
import { ConsentPurposesSection } from "./consent-purposes-section";
import { cs } from "./consent-strings";
import { PortalSection } from "./portal-section";
import { portalWords } from "./portal-strings";
import { s } from "./strings";
import "./settings.css";

export const SETTINGS_TABS = ["tags", "canned", "types", "inboxes", "teams", "routing", "agents", "priority", "tokens", "automation", "webhooks", "campaigns", "consent", "portal"] as const;
/** The owners' extra tab (the server's `ownerOnly`): admins are among those it records. */
export const OWNER_TABS = [...SETTINGS_TABS, "audit"] as const;
export type SettingsTab = (typeof OWNER_TABS)[number];

/** The tabs this agent sees. */
export function tabsFor(me: Me): readonly SettingsTab[] {
  return hasRole(me, "owner") ? OWNER_TABS : SETTINGS_TABS;
}

/** Tabs whose label lives with their own area's words; the rest are in ./strings.ts. */
const OWN_LABELS: Partial<Record<SettingsTab, () => string>> = {
  teams: () => is.teams.tab,
  agents: () => agentWords.tab,
  routing: () => rs.tab,
  priority: () => priorityWords.tab,
  tokens: () => tokenWords.tab,
  automation: () => aw.tab,
  webhooks: () => webhookWords.tab,
  campaigns: () => ow.campaigns.tab,
  consent: () => cs.tab,
  portal: () => portalWords.tab,
  audit: () => auditWords.tab,
};
const tabLabel = (key: SettingsTab): string => OWN_LABELS[key]?.() ?? s.tabs[key as keyof typeof s.tabs];

/** Whether this agent may change settings (the server's `requireRole("admin")`). */
export function canEditSettings(me: Me): boolean {
  return hasRole(me, "admin");
}

export function Settings(props: { me: Me; initialTab?: SettingsTab }) {
  const tabs = tabsFor(props.me);
  const [tab, setTab] = useState<SettingsTab>(props.initialTab && tabs.includes(props.initialTab) ? props.initialTab : "tags");
  const [forbidden, setForbidden] = useState(!canEditSettings(props.me));
  const [announcement, setAnnouncement] = useState("");
  const tabRefs = useRef<Partial<Record<SettingsTab, HTMLButtonElement | null>>>({});

  const sectionProps = { onForbidden: () => setForbidden(true), announce: setAnnouncement };

  // Tabs pattern (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): one tab stop; arrows,
  // Home and End move between tabs and select them.
  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    const moves = new Map([["ArrowRight", i + 1], ["ArrowLeft", i - 1], ["Home", 0], ["End", tabs.length - 1]]);
    const next = moves.get(e.key);
    if (next === undefined) return;
    e.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length]!;
    select(target);
    tabRefs.current[target]?.focus();
  };

  // A new section starts without the last one's "saved" note.
  const select = (next: SettingsTab) => {
    setTab(next);
    setAnnouncement("");
  };

  if (forbidden) {
    return (
      <div class="settings">
        <h1>{s.title}</h1>
        <p class="settings-notice" role={canEditSettings(props.me) ? "alert" : undefined}>
          {canEditSettings(props.me) ? s.forbidden : s.adminOnly}
        </p>
      </div>
    );
  }

  return (
    <div class="settings">
      <div class="settings-title">
        <h1>{s.title}</h1>
        <p role="status" class="settings-status">
          {announcement}
        </p>
      </div>
      <div role="tablist" aria-label={s.tabsLabel} class="settings-tabs" onKeyDown={onTabKey}>
        {tabs.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`settings-tab-${key}`}
            aria-controls={`settings-panel-${key}`}
            aria-selected={tab === key}
            tabIndex={tab === key ? 0 : -1}
            ref={(el) => {
              tabRefs.current[key] = el;
            }}
            onClick={() => select(key)}
          >
            {tabLabel(key)}
          </button>
        ))}
      </div>
      {/* Any new save starts without the last one's "saved" note, so a success never
          stands beside the error of the attempt after it. */}
      <div
        role="tabpanel"
        id={`settings-panel-${tab}`}
        aria-labelledby={`settings-tab-${tab}`}
        class="settings-panel"
        onSubmitCapture={() => setAnnouncement("")}
      >
        {tab === "tags" && <TagsSection {...sectionProps} />}
        {tab === "canned" && <CannedSection {...sectionProps} agentName={props.me.agent.name} />}
        {tab === "types" && <TypesSection {...sectionProps} />}
        {tab === "inboxes" && <InboxesSection {...sectionProps} />}
        {tab === "teams" && <TeamsSection {...sectionProps} />}
        {tab === "routing" && <RoutingSection {...sectionProps} />}
        {tab === "agents" && <AgentsSection {...sectionProps} me={props.me} />}
        {tab === "priority" && <PriorityRulesSection {...sectionProps} />}
        {tab === "tokens" && <TokensSection {...sectionProps} />}
        {tab === "automation" && <AutomationSection {...sectionProps} />}
        {tab === "webhooks" && <WebhooksSection {...sectionProps} />}
        {tab === "campaigns" && <CampaignsSection {...sectionProps} />}
        {tab === "consent" && <ConsentPurposesSection {...sectionProps} />}
        {tab === "portal" && <PortalSection {...sectionProps} />}
        {tab === "audit" && <AuditLogSection {...sectionProps} />}
      </div>
    </div>
  );
}
