/**
 * The pure parts of reports: business-hours arithmetic, histogram percentiles, the time
 * zone's buckets, and CSV fields that a spreadsheet cannot run as formulas.
 */
import { describe, expect, it } from "vitest";
import { businessMs } from "../../../worker/reports/business-time";
import { bucketOf, quantileOf, BUCKET_COUNT } from "../../../worker/reports/buckets";
import { bucketsOf, localClock } from "../../../worker/reports/time-buckets";
import { csvField } from "../../../worker/reports/csv-export";

const MIN = 60_000;
const NINE_TO_SIX = [[540, 1080]] as [number, number][];
const WEEKDAYS = { timezone: "America/Sao_Paulo", days: [[], NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, []] };
/** Friday 2026-11-06 17:30 in São Paulo (UTC−3). */
const FRIDAY_1730 = Date.UTC(2026, 10, 6, 20, 30);

describe("businessMs", () => {
  it("counts Friday's last half hour and Monday's first, and nothing of the weekend", () => {
    const mondayNineThirty = FRIDAY_1730 + 3 * 24 * 60 * MIN - 8 * 60 * MIN;
    expect(businessMs(WEEKDAYS, FRIDAY_1730, mondayNineThirty)).toBe(60 * MIN);
  });

  it("is the calendar span for a team without hours, and zero for an empty or backwards span", () => {
    expect(businessMs(null, 0, 5 * MIN)).toBe(5 * MIN);
    expect(businessMs(WEEKDAYS, FRIDAY_1730, FRIDAY_1730)).toBe(0);
    expect(businessMs(WEEKDAYS, FRIDAY_1730, FRIDAY_1730 - MIN)).toBe(0);
  });

  it("keeps seconds inside a minute", () => {
    expect(businessMs(WEEKDAYS, FRIDAY_1730 + 15_000, FRIDAY_1730 + 75_500)).toBe(60_500);
  });
});

describe("the histogram", () => {
  it("puts durations in their buckets and reads percentiles inside the right one", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(8 * MIN)).toBe(5);
    expect(bucketOf(30 * 24 * 60 * MIN)).toBe(BUCKET_COUNT - 1);
    const counts = new Array<number>(BUCKET_COUNT).fill(0);
    counts[5] = 4; // four values in [5 min, 10 min)
    expect(quantileOf(counts, 0.5)).toBe(7.5 * MIN);
    expect(quantileOf(counts, 1)).toBe(10 * MIN);
    expect(quantileOf(new Array<number>(BUCKET_COUNT).fill(0), 0.5)).toBeNull();
  });
});

describe("the time zone's buckets", () => {
  it("starts São Paulo's day at 03:00 UTC and its ISO week on Monday", () => {
    const day = localClock("America/Sao_Paulo", "day");
    expect(day.keyOf(Date.UTC(2026, 10, 3, 2))).toBe("2026-11-02");
    expect(day.keyOf(Date.UTC(2026, 10, 3, 3))).toBe("2026-11-03");
    const week = localClock("America/Sao_Paulo", "week");
    expect(week.keyOf(Date.UTC(2026, 10, 8, 12))).toBe("2026-11-02"); // Sunday → its Monday
    expect(week.keyOf(Date.UTC(2026, 10, 9, 12))).toBe("2026-11-09");
    const from = Date.UTC(2026, 10, 1, 3);
    expect(bucketsOf(from, from + 3 * 24 * 3_600_000, day).map((b) => b.key)).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
  });
});

describe("csvField", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas in names", () => {
    expect(csvField('Ana, "a chefe"')).toBe('"Ana, ""a chefe"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1+2")).toBe("'-1+2");
    expect(csvField(1.23456)).toBe("1.235");
    expect(csvField(null)).toBe("");
  });
});
