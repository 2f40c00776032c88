/**
 * @module Entry of the chat UI that widget.js opens in an iframe at `/widget/?inbox=KEY`.
 */
import { render } from "preact";
import { WidgetApp } from "./widget-app";
import "./widget.css";

const inbox = new URLSearchParams(location.search).get("inbox");
render(<WidgetApp inbox={inbox} />, document.getElementById("app")!);
