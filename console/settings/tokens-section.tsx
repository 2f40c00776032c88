/**
 * @module Settings → API tokens (admins and owners): create one with a name, scopes,
 * inboxes and an optional expiry; its secret is shown once, to copy; the list shows each
 * token's scopes, reach, last use and state, and revokes with a confirmation in place.
 */
import { useState } from "preact/hooks";
import { CreateTokenBody, MAX_TOKEN_TTL_MS, TOKEN_SCOPES, type ApiToken, type Inbox, type TokenScope } from "../../worker/protocol";
import { CopyField } from "./copy-field";
import { Field, FormMessage } from "./form-field";
import { checkFields } from "./form-errors";
import { inboxApi } from "./inbox-api";
import { ListStatus, type SectionProps } from "./section-parts";
import { tokenApi } from "./token-api";
import { tokenWords as t } from "./token-strings";
import { useSave } from "./use-save";
import { useSettingsList } from "./use-settings-list";
import { s } from "./strings";

/** Newest first, as the server lists them. */
const newestFirst = (a: ApiToken, b: ApiToken) => b.createdAt - a.createdAt;
const when = (ms: number) => new Date(ms).toLocaleString();

export function TokensSection(props: SectionProps) {
  const list = useSettingsList(tokenApi.list, newestFirst, props.onForbidden);
  const inboxes = useSettingsList(inboxApi.list, (a: Inbox, b: Inbox) => a.name.localeCompare(b.name), props.onForbidden);
  const inboxNames = new Map(inboxes.state.name === "ready" ? inboxes.state.items.map((i) => [i.id, i.name]) : []);
  return (
    <section class="settings-section" aria-labelledby="settings-tokens-heading">
      <h2 id="settings-tokens-heading">{t.heading}</h2>
      <p class="muted">{t.intro}</p>
      <CreateForm
        inboxes={inboxes.state.name === "ready" ? inboxes.state.items : []}
        onForbidden={props.onForbidden}
        onCreated={(token) => {
          list.put(token);
          props.announce(t.createdNote(token.name));
        }}
      />
      <ListStatus state={list.state} empty={t.empty} onRetry={list.reload}>
        {(tokens) => (
          <ul class="settings-list">
            {tokens.map((token) => (
              <TokenRow
                key={token.id}
                token={token}
                inboxNames={inboxNames}
                onForbidden={props.onForbidden}
                onRevoked={(done) => {
                  list.put(done);
                  props.announce(t.revokedNote(done.name));
                }}
              />
            ))}
          </ul>
        )}
      </ListStatus>
    </section>
  );
}

/** The end of the chosen day, local time; null when no day is chosen. */
function expiryOf(day: string): number | null {
  return day === "" ? null : new Date(`${day}T23:59:59`).getTime();
}

function CreateForm(props: { inboxes: Inbox[]; onForbidden: () => void; onCreated: (token: ApiToken) => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [allInboxes, setAllInboxes] = useState(true);
  const [inboxIds, setInboxIds] = useState<string[]>([]);
  const [day, setDay] = useState("");
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const save = useSave({ onForbidden: props.onForbidden });
  const admin = scopes.includes("admin");
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  const submit = (e: Event) => {
    e.preventDefault();
    const expiresAt = expiryOf(day);
    const body = { name, scopes, ...(allInboxes || admin ? {} : { inboxIds }), ...(expiresAt === null ? {} : { expiresAt }) };
    const checked = checkFields(CreateTokenBody, body, { name: t.nameInvalid, scopes: t.scopesInvalid, inboxIds: t.inboxesInvalid, expiresAt: t.expiryInvalid });
    const now = Date.now();
    // The server checks this too; said here first so nothing is sent for a day already past.
    const badExpiry = expiresAt !== null && (expiresAt <= now || expiresAt > now + MAX_TOKEN_TTL_MS);
    void save.run(badExpiry ? { ok: false, fields: { ...(checked.ok ? {} : checked.fields), expiresAt: t.expiryInvalid } } : checked, async (valid) => {
      const created = await tokenApi.create(valid);
      setSecret({ name: created.token.name, value: created.secret });
      props.onCreated(created.token);
      setName("");
      setScopes([]);
      setDay("");
    });
  };

  return (
    <div class="settings-add">
      <form class="settings-form" aria-label={t.create} noValidate onSubmit={submit}>
        <Field label={t.name} error={save.failure.fields.name}>
          {(aria) => <input {...aria} name="token-name" value={name} maxLength={80} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <fieldset aria-invalid={save.failure.fields.scopes ? true : undefined}>
          <legend>{t.scopes}</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} class="check">
              <input type="checkbox" name="token-scope" value={scope} checked={scopes.includes(scope)} onChange={() => setScopes(toggle(scopes, scope))} /> {t.scopeNames[scope]}
            </label>
          ))}
          {save.failure.fields.scopes && (
            <p class="form-error" role="alert">
              {save.failure.fields.scopes}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>{t.inboxes}</legend>
          {admin ? (
            <p class="muted">{t.adminAllInboxes}</p>
          ) : (
            <>
              <label class="check">
                <input type="checkbox" name="token-all-inboxes" checked={allInboxes} onChange={() => setAllInboxes(!allInboxes)} /> {t.allInboxes}
              </label>
              {props.inboxes.map((inbox) => (
                <label key={inbox.id} class="check">
                  <input type="checkbox" name="token-inbox" value={inbox.id} disabled={allInboxes} checked={!allInboxes && inboxIds.includes(inbox.id)} onChange={() => setInboxIds(toggle(inboxIds, inbox.id))} />{" "}
                  {inbox.name}
                </label>
              ))}
              {save.failure.fields.inboxIds && (
                <p class="form-error" role="alert">
                  {save.failure.fields.inboxIds}
                </p>
              )}
            </>
          )}
        </fieldset>
        <Field label={t.expiry} hint={t.expiryHint} error={save.failure.fields.expiresAt}>
          {(aria) => <input {...aria} type="date" name="token-expiry" value={day} onInput={(e) => setDay(e.currentTarget.value)} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={save.busy}>
            {t.create}
          </button>
        </div>
        <FormMessage message={save.failure.form} />
      </form>
      {secret && <CopyField label={t.secretLabel(secret.name)} hint={t.secretHint} value={secret.value} rows={1} />}
    </div>
  );
}

function TokenRow(props: { token: ApiToken; inboxNames: Map<string, string>; onForbidden: () => void; onRevoked: (token: ApiToken) => void }) {
  const tk = props.token;
  const [asking, setAsking] = useState(false);
  const save = useSave({ onForbidden: props.onForbidden });
  const expired = tk.expiresAt !== null && tk.expiresAt <= Date.now();
  const reach = tk.inboxIds === null ? t.allInboxesShort : tk.inboxIds.map((id) => props.inboxNames.get(id) ?? id).join(", ") || t.inboxCount(0);
  const revoke = () =>
    void save.run({ ok: true, data: null }, async () => {
      props.onRevoked(await tokenApi.revoke(tk.id));
      setAsking(false);
    });
  return (
    <li class="settings-row">
      <strong>{tk.name}</strong> <code>{tk.prefix}…</code> <span>{tk.scopes.map((sc) => t.scopeNames[sc]).join(", ")}</span> <span class="muted">{reach}</span>{" "}
      <span>
        {t.lastUsed}: {tk.lastUsedAt === null ? t.never : when(tk.lastUsedAt)}
      </span>{" "}
      <span>
        {t.expires}: {tk.expiresAt === null ? t.noExpiry : when(tk.expiresAt)}
      </span>
      {tk.revokedAt !== null ? (
        <span class="agent-status agent-status--deactivated"> {t.revoked}</span>
      ) : expired ? (
        <span class="agent-status agent-status--deactivated"> {t.expired}</span>
      ) : asking ? (
        <span class="row-actions" role="group" aria-label={t.revokeLabel(tk.name)}>
          <button type="button" class="danger" disabled={save.busy} onClick={revoke}>
            {t.revoke}
          </button>
          <button type="button" disabled={save.busy} onClick={() => setAsking(false)}>
            {s.cancel}
          </button>
        </span>
      ) : (
        <span class="row-actions">
          <button type="button" class="danger-outline" aria-label={t.revokeLabel(tk.name)} onClick={() => setAsking(true)}>
            {t.revoke}
          </button>
        </span>
      )}
      <FormMessage message={save.failure.form} />
    </li>
  );
}
