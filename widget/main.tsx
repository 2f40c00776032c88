/**
 * @module Entry of the chat UI that widget.js opens in an iframe at `/widget/?inbox=KEY`.
 * The bridge listens before anything renders: the loader posts `init` on our load event.
 */
import { render } from "preact";
import { connectHost } from "./host-link";
import { WidgetApp } from "./ui/widget-app";
import "./widget.css";

const inbox = new URLSearchParams(location.search).get("inbox");
const link = connectHost(inbox ?? "");
render(<WidgetApp inbox={inbox} link={link} />, document.getElementById("app")!);
