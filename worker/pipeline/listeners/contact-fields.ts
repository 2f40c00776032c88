/**
 * @module Listener: the answers the menu bot captured (`field` events, worker/bots/menu)
 * written on the contact in D1: its name, its e-mail, or one of its attributes. Here and
 * not in the room, so the room never waits on D1. Committed stage: a batch is not
 * forgotten until the contact has the answer; writing the same value again is harmless,
 * so a redelivered batch changes nothing. A batch's answers are applied in seq order, so
 * the latest answer to a field wins.
 */
import { database } from "../../db/client";
import { findContact, updateContact, type ContactChanges } from "../../db/contacts";
import type { FieldEvent } from "../../protocol";
import type { PipelineListener } from "../types";

export const contactFields: PipelineListener = {
  name: "contact-fields",
  stage: "committed",
  async handle(batch, env) {
    const db = database(env.DB);
    let statements = 0;
    let rowsWritten = 0;
    for (const { state, events } of batch.conversations) {
      const answers = events.filter((e): e is FieldEvent => e.type === "field");
      if (answers.length === 0) continue;
      const changes: ContactChanges = {};
      for (const answer of answers) Object.assign(changes, changeOf(answer, changes));
      const contact = await findContact(db, state.contactId);
      if (!contact) continue;
      // False: the contact already holds the most attributes it may; the answer stays in
      // the conversation's log for the agents.
      const done = await updateContact(db, contact, changes);
      if (done === false) console.warn(JSON.stringify({ msg: "bot answer not stored: too many attributes", conversationId: state.id }));
      // A read, the contact's update and its priority recompute (db/contacts.ts).
      statements += 3;
      if (done !== false) rowsWritten += 1 + done.length;
    }
    return { statements, rowsWritten };
  },
};

function changeOf(answer: FieldEvent, sofar: ContactChanges): ContactChanges {
  switch (answer.field.kind) {
    case "name":
      return { name: answer.value };
    case "email":
      return { email: answer.value };
    case "attribute":
      return { attributes: { ...sofar.attributes, [answer.field.key]: answer.value } };
  }
}
