/**
 * @module App: decides what the console shows — owner setup on a fresh install, the
 * login form without a session, the workspace with one.
 */
import { useEffect, useState } from "preact/hooks";
import type { Me } from "../worker/protocol";
import { ApiError, SESSION_LOST_EVENT, api, errorMessage } from "./api";
import { LoginForm, SetupForm } from "./auth-forms";
import { Workspace } from "./workspace";
import { t } from "./i18n";

type Phase =
  | { name: "loading" }
  | { name: "setup" }
  | { name: "login" }
  | { name: "ready"; me: Me }
  | { name: "failed"; message: string };

export function App() {
  const [phase, setPhase] = useState<Phase>({ name: "loading" });

  useEffect(() => {
    const toLogin = () => setPhase({ name: "login" });
    addEventListener(SESSION_LOST_EVENT, toLogin);
    boot().then(setPhase, (err: unknown) => setPhase({ name: "failed", message: errorMessage(err) }));
    return () => removeEventListener(SESSION_LOST_EVENT, toLogin);
  }, []);

  const signedIn = (me: Me) => setPhase({ name: "ready", me });

  switch (phase.name) {
    case "loading":
      return <p role="status">{t.loading}</p>;
    case "failed":
      return <p role="alert">{t.errors.generic(phase.message)}</p>;
    case "setup":
      return <SetupForm onDone={async () => signedIn(await api.me())} />;
    case "login":
      return <LoginForm onDone={signedIn} />;
    case "ready":
      return (
        <Workspace
          me={phase.me}
          onLogout={async () => {
            await api.logout().catch(() => undefined);
            setPhase({ name: "login" });
          }}
        />
      );
  }
}

async function boot(): Promise<Phase> {
  if ((await api.setupState()).needsSetup) return { name: "setup" };
  try {
    return { name: "ready", me: await api.me() };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return { name: "login" };
    throw err;
  }
}
