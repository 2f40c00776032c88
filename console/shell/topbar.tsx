/**
 * @module The header: product name, search, language, alerts, shortcut help, settings
 * (admins), who is signed in and log out.
 */
import type { ComponentChildren } from "preact";
import type { Me } from "../../worker/protocol";
import { hasRole } from "./roles";
import { LanguageSwitch } from "./language-switch";
import { listPath, settingsPath, followLink } from "../router";
import { t } from "../i18n";
import { shellStrings as s } from "./strings";

export function Topbar(props: { me: Me; search: ComponentChildren; bell: ComponentChildren; onHelp: () => void; onLogout: () => void; inSettings: boolean }) {
  const { me } = props;
  return (
    <header class="topbar">
      <a class="brand" href={listPath} onClick={(e) => followLink(e, listPath)}>
        {t.appName}
      </a>
      {props.search}
      <div class="topbar-tools">
        <LanguageSwitch />
        {props.bell}
        <button type="button" class="icon-button" aria-label={s.shortcuts} title={s.shortcuts} aria-keyshortcuts="?" onClick={props.onHelp}>
          <span aria-hidden="true">?</span>
        </button>
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
        <span class="whoami" title={me.agent.email}>
          <span class="visually-hidden">{s.signedInAs(me.agent.name)}</span>
          <span aria-hidden="true">{me.agent.name}</span>
        </span>
        <button type="button" onClick={props.onLogout}>
          {s.logout}
        </button>
      </div>
    </header>
  );
}
