/**
 * @module The header: product name, search, language, alerts, shortcut help, reports, the
 * help center's articles, settings (admins), the agent's availability (online/away), who is signed in (a link to their
 * profile) and log out.
 */
import type { ComponentChildren } from "preact";
import type { Me } from "../../worker/protocol";
import { hasRole } from "./roles";
import { LanguageSwitch } from "./language-switch";
import { AvailabilityToggle } from "./availability-toggle";
import { helpCenterPath, listPath, profilePath, reportsPath, settingsPath, followLink } from "../router";
import { s as ps } from "../profile/strings";
import { s as app } from "../i18n";
import { s } from "./strings";

export function Topbar(props: { me: Me; search: ComponentChildren; bell: ComponentChildren; onHelp: () => void; onLogout: () => void; inSettings: boolean }) {
  const { me } = props;
  return (
    <header class="topbar">
      <a class="brand" href={listPath} onClick={(e) => followLink(e, listPath)}>
        {app.appName}
      </a>
      {props.search}
      <div class="topbar-tools">
        <LanguageSwitch />
        {props.bell}
        <button type="button" class="icon-button" aria-label={s.shortcuts} title={s.shortcuts} aria-keyshortcuts="?" onClick={props.onHelp}>
          <span aria-hidden="true">?</span>
        </button>
        {/* Every agent has reports: their own figures (admins: everyone's). */}
        <a class="topbar-link" href={reportsPath} onClick={(e) => followLink(e, reportsPath)}>
          {s.reports}
        </a>
        <a class="topbar-link" href={helpCenterPath} onClick={(e) => followLink(e, helpCenterPath)}>
          {s.helpCenter}
        </a>
        {hasRole(me, "admin") &&
          (props.inSettings ? (
            <a class="topbar-link" href={listPath} onClick={(e) => followLink(e, listPath)}>
              {s.inbox}
            </a>
          ) : (
            <a class="topbar-link" href={settingsPath} onClick={(e) => followLink(e, settingsPath)}>
              {s.settings}
            </a>
          ))}
        <AvailabilityToggle />
        {/* The name leads to the agent's own profile. */}
        <a class="whoami" href={profilePath} title={me.agent.email} aria-label={ps.link(me.agent.name)} onClick={(e) => followLink(e, profilePath)}>
          {me.profile.avatarUrl && <img class="whoami-avatar" src={me.profile.avatarUrl} alt="" width={20} height={20} referrerpolicy="no-referrer" />}
          {me.agent.name}
        </a>
        <button type="button" onClick={props.onLogout}>
          {s.logout}
        </button>
      </div>
    </header>
  );
}
