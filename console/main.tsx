/**
 * @module Entry of the agent console, served at `/console/`.
 */
import { render } from "preact";
import { App } from "./app";
import { locale } from "./i18n";
import "./console.css";

// Screen readers pick their voice by the page's language.
document.documentElement.lang = locale;
render(<App />, document.getElementById("app")!);
