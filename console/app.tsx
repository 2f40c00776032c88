/**
 * @module App: decides what the console shows — owner setup on a fresh install, the
 * login form without a session (or the invite page, opened from an invite link), the
 * workspace with one.
 */
import { useEffect, useState } from "preact/hooks";
import type { Me } from "../worker/protocol";
import { ApiError, SESSION_LOST_EVENT, api, errorMessage } from "./api";
import { LoginForm, SetupForm } from "./auth-forms";
import { InviteForm, inviteToken } from "./invite-form";
import { endBoot, rememberFirstPage } from "./shell/boot-requests";
import { Workspace } from "./workspace";
import { s } from "./i18n";
import { ME_CHANGED_EVENT, adoptLanguage } from "./profile/profile-api";

type Phase =
  | { name: "loading" }
  | { name: "setup" }
  | { name: "login" }
  | { name: "invite"; token: string }
  | { name: "ready"; me: Me }
  | { name: "failed"; message: string };

export function App() {
  const [phase, setPhase] = useState<Phase>({ name: "loading" });

  useEffect(() => {
    const toLogin = () => setPhase({ name: "login" });
    // Listening only once booted: boot's own session check may answer 401, and on a
    // fresh install that must not flash the login form before the setup form.
    boot().then(
      (booted) => {
        setPhase(booted);
        addEventListener(SESSION_LOST_EVENT, toLogin);
      },
      (err: unknown) => setPhase({ name: "failed", message: errorMessage(err) }),
    );
    // The profile page saved a new name, avatar or alert preferences: every screen shows them.
    const meChanged = (e: Event) => setPhase({ name: "ready", me: (e as CustomEvent<Me>).detail });
    addEventListener(ME_CHANGED_EVENT, meChanged);
    return () => {
      removeEventListener(SESSION_LOST_EVENT, toLogin);
      removeEventListener(ME_CHANGED_EVENT, meChanged);
    };
  }, []);

  // After the first screen's own effects (a parent's run after its children's), so
  // everything that screen asked for on mount was still shared.
  useEffect(() => {
    if (phase.name !== "loading") endBoot();
  }, [phase.name]);

  const signedIn = (me: Me) => setPhase({ name: "ready", me });

  switch (phase.name) {
    case "loading":
      return <p role="status">{s.loading}</p>;
    case "failed":
      return <p role="alert">{s.errors.generic(phase.message)}</p>;
    case "setup":
      return <SetupForm onDone={async () => signedIn(await api.me())} />;
    case "invite":
      return (
        <InviteForm
          token={phase.token}
          onDone={signedIn}
          onSignIn={() => {
            history.replaceState(null, "", "/console/");
            setPhase({ name: "login" });
          }}
        />
      );
    case "login":
      return (
        <LoginForm
          onDone={(me) => {
            // Signing in brings the agent's own language along (this browser may have
            // been set to another); the page reloads once to show it.
            if (adoptLanguage(me.profile.language)) location.reload();
            else signedIn(me);
          }}
        />
      );
    case "ready":
      return (
        <Workspace
          me={phase.me}
          onLogout={async () => {
            await api.logout().catch(() => undefined);
            // The next person on this browser has views of their own.
            rememberFirstPage(null);
            setPhase({ name: "login" });
          }}
        />
      );
  }
}

/** Both questions at once (index.html has asked both already, while the scripts loaded;
 * see shell/boot-requests.ts): on every page load but the very first, the session answer
 * is the one that matters, and waiting for the setup answer first would add a round trip
 * before the list can even be asked for. */
async function boot(): Promise<Phase> {
  const [setup, me] = await Promise.all([api.setupState(), api.me().then((value) => ({ value }), (error: unknown) => ({ error }))]);
  if (setup.needsSetup) return { name: "setup" };
  if ("value" in me) return { name: "ready", me: me.value };
  // An invite link opened without a session (with one, the workspace shows as usual).
  const token = inviteToken(location.pathname, location.hash);
  if (token && me.error instanceof ApiError && me.error.status === 401) return { name: "invite", token };
  if (me.error instanceof ApiError && me.error.status === 401) return { name: "login" };
  throw me.error;
}
