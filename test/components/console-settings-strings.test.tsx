/**
 * The settings screens' pure parts: how canned-response variables are filled in (shared
 * with the composer), and the string tables being complete in both languages.
 */
import { describe, expect, it } from "vitest";
import { CANNED_VARIABLES, fillCannedTemplate } from "../../console/settings/canned-template";
import { SETTINGS_STRINGS } from "../../console/settings/strings";

describe("fillCannedTemplate", () => {
  const values = { "contact.name": "João", "contact.email": "joao@example.com", "contact.phone": null, "agent.name": "Ana" };

  it("fills every known variable, with or without spaces inside the braces, as often as it appears", () => {
    expect(fillCannedTemplate("{{contact.name}} / {{ contact.name }} / {{agent.name}} <{{contact.email}}>", values)).toBe("João / João / Ana <joao@example.com>");
  });

  it("leaves a variable without a value, an unknown one and stray braces as written", () => {
    expect(fillCannedTemplate("call {{contact.phone}} or {{contact.fax}} {{agent.name", values)).toBe("call {{contact.phone}} or {{contact.fax}} {{agent.name");
    expect(fillCannedTemplate("{{constructor.name}} {{__proto__.x}}", values)).toBe("{{constructor.name}} {{__proto__.x}}");
  });

  it("inserts values literally, even ones that look like replacement patterns", () => {
    expect(fillCannedTemplate("Hi {{contact.name}}", { "contact.name": "$& $1 {{agent.name}}", "agent.name": "Ana" })).toBe("Hi $& $1 {{agent.name}}");
  });

  it("knows the four documented variables", () => {
    expect(CANNED_VARIABLES).toEqual(["contact.name", "contact.email", "contact.phone", "agent.name"]);
  });
});

describe("settings strings", () => {
  /** Every leaf of a string table as [path, text], functions called with sample args. */
  function leaves(table: unknown, path = ""): [string, string][] {
    if (typeof table === "string") return [[path, table]];
    if (typeof table === "function") return [[path, String((table as (...a: unknown[]) => unknown)("X", 1))]];
    return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }

  it("has every string in English and Brazilian Portuguese, none empty, the Portuguese translated", () => {
    const en = leaves(SETTINGS_STRINGS.en);
    const pt = leaves(SETTINGS_STRINGS["pt-BR"]);
    expect(pt.map(([p]) => p)).toEqual(en.map(([p]) => p));
    for (const [p, text] of [...en, ...pt]) expect(text.trim(), p).not.toBe("");
    const same = en.filter(([p, text], i) => pt[i]![1] === text && !/sampleContact\.(name|phone)/.test(p));
    expect(same.map(([p]) => p)).toEqual([]);
    expect(SETTINGS_STRINGS["pt-BR"].tabs.canned).toBe("Respostas prontas");
  });
});
