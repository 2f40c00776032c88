/**
 * @module The `?` dialog: every shortcut and its keys.
 */
import { Fragment } from "preact";
import { Modal } from "../shell/modal";
import { SHORTCUTS } from "./keymap";
import { s } from "./strings";

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Modal title={s.title} closeLabel={s.close} onClose={onClose}>
      <p class="muted">{s.intro}</p>
      <dl class="shortcut-list">
        {SHORTCUTS.map(({ action, keys }) => (
          <div key={action} class="shortcut">
            <dt>
              {keys.map((combo, i) => (
                <Fragment key={combo.join("+")}>
                  {i > 0 && <span class="muted"> {s.or} </span>}
                  {combo.map((key, j) => (
                    <Fragment key={key}>
                      {j > 0 && "+"}
                      <kbd>{key}</kbd>
                    </Fragment>
                  ))}
                </Fragment>
              ))}
            </dt>
            <dd>{s.actions[action]}</dd>
          </div>
        ))}
        <div class="shortcut">
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>{s.escape}</dd>
        </div>
      </dl>
    </Modal>
  );
}
