/**
 * The SMS segment count (worker/protocol/sms-segments.ts): GSM-7 against UCS-2, the
 * extension table's double septets, UTF-16 code units for emoji, and the single-message
 * against concatenated limits, on the inputs that trip counters up.
 */
import { describe, expect, it } from "vitest";
import { countSms } from "../../worker/protocol/sms-segments";

describe("GSM-7", () => {
  it("keeps plain text, and the accents the GSM alphabet has (é, à, ñ, ü, Ç), in GSM-7", () => {
    expect(countSms("Hello, café à la crème, señor, Müller, Ç!")).toEqual({ encoding: "gsm7", units: 41, segments: 1, perSegment: 160, unicode: [] });
  });

  it("fits 160 characters in one segment, and 161 takes two of 153", () => {
    expect(countSms("a".repeat(160))).toEqual({ encoding: "gsm7", units: 160, segments: 1, perSegment: 160, unicode: [] });
    expect(countSms("a".repeat(161))).toEqual({ encoding: "gsm7", units: 161, segments: 2, perSegment: 153, unicode: [] });
    expect(countSms("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(countSms("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("counts the extension table's characters ([ ] { } ~ ^ | \\ €) as two", () => {
    expect(countSms("[1]")).toEqual({ encoding: "gsm7", units: 5, segments: 1, perSegment: 160, unicode: [] });
    expect(countSms("€5")).toMatchObject({ encoding: "gsm7", units: 3 });
    expect(countSms("{}~^|\\")).toMatchObject({ units: 12 });
    // 159 + a 2-septet "[" = 161: two segments, though only 160 characters were typed.
    expect(countSms(`${"a".repeat(159)}[`)).toMatchObject({ units: 161, segments: 2 });
    expect(countSms(`${"a".repeat(158)}[`)).toMatchObject({ units: 160, segments: 1 });
  });

  it("never splits an escape pair across segments", () => {
    // 152 + "€" (2) = 154 > 153: the € opens the second segment whole (2 + 151), and the
    // last "a" needs a third, though 306 units would fill exactly two split anywhere.
    expect(countSms(`${"a".repeat(152)}€${"a".repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
    expect(countSms(`${"a".repeat(151)}€${"a".repeat(153)}`)).toMatchObject({ units: 306, segments: 2 });
  });

  it("normalizes first: e + combining acute is the GSM-7 é", () => {
    expect(countSms("cafe\u0301")).toEqual({ encoding: "gsm7", units: 4, segments: 1, perSegment: 160, unicode: [] });
  });

  it("counts nothing for an empty text", () => {
    expect(countSms("")).toEqual({ encoding: "gsm7", units: 0, segments: 0, perSegment: 160, unicode: [] });
  });
});

describe("UCS-2", () => {
  it.each([
    ["ç", "Você já começou?", ["ê", "á", "ç"]],
    ["ã", "Não", ["ã"]],
    ["an emoji", "Oi 😀", ["😀"]],
    ["smart quotes", "“Oi”", ["“", "”"]],
  ])("switches to UCS-2 for %s, naming the characters that did it", (_, text, unicode) => {
    expect(countSms(text)).toMatchObject({ encoding: "ucs2", segments: 1, perSegment: 70, unicode });
  });

  it("counts UTF-16 code units: an emoji is 2, with a skin tone 4", () => {
    expect(countSms("😀")).toMatchObject({ units: 2 });
    expect(countSms("👍🏽")).toEqual({ encoding: "ucs2", units: 4, segments: 1, perSegment: 70, unicode: ["👍", "🏽"] });
    // An extension character costs one code unit like any other in UCS-2.
    expect(countSms("ã€")).toMatchObject({ encoding: "ucs2", units: 2 });
  });

  it("fits 70 units in one segment, and 71 takes two of 67", () => {
    expect(countSms(`ã${"a".repeat(69)}`)).toMatchObject({ units: 70, segments: 1, perSegment: 70 });
    expect(countSms(`ã${"a".repeat(70)}`)).toMatchObject({ units: 71, segments: 2, perSegment: 67 });
    expect(countSms(`ã${"a".repeat(133)}`)).toMatchObject({ units: 134, segments: 2 });
    expect(countSms(`ã${"a".repeat(134)}`)).toMatchObject({ units: 135, segments: 3 });
  });

  it("one accent makes 160 GSM-7 characters three UCS-2 segments", () => {
    expect(countSms("a".repeat(160))).toMatchObject({ segments: 1 });
    expect(countSms(`${"a".repeat(159)}ã`)).toMatchObject({ encoding: "ucs2", units: 160, segments: 3 });
  });

  it("never splits a surrogate pair across segments", () => {
    // 66 units, then an emoji (2): 68 > 67, so it opens the second segment.
    expect(countSms(`${"a".repeat(66)}😀${"a".repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
    expect(countSms(`${"a".repeat(65)}😀${"a".repeat(67)}`)).toMatchObject({ units: 134, segments: 2 });
  });
});
