/**
 * The account's local days and months as whole hours, and a period cut into months, days
 * and edge hours (worker/reports/local-grains.ts): checked against São Paulo's fixed
 * UTC−3 computed by hand, against a zone with daylight saving (23- and 25-hour days), and
 * for every cut: the pieces cover the period exactly once and each whole day or month
 * really is one.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dayEnd, localGrains, monthEnd, planSpan, type GrainPlan, type Span } from "../../../worker/reports/local-grains";
import { localClock } from "../../../worker/reports/time-buckets";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SP = localGrains("America/Sao_Paulo");
/** São Paulo has kept UTC−3 all year since 2019: local midnight is 03:00 UTC. */
const spMidnight = (y: number, m: number, d: number) => Date.UTC(y, m, d, 3);

describe("local days and months", () => {
  it("puts São Paulo's days at 03:00 UTC and its months on the 1st", () => {
    const h = Date.UTC(2026, 10, 2, 14); // 11:00 local, Monday 2 November
    expect(SP.dayStart(h)).toBe(spMidnight(2026, 10, 2));
    expect(SP.dayStart(Date.UTC(2026, 10, 3, 2))).toBe(spMidnight(2026, 10, 2)); // 23:00 local
    expect(dayEnd(SP, h)).toBe(spMidnight(2026, 10, 3));
    expect(SP.monthStart(h)).toBe(spMidnight(2026, 10, 1));
    expect(SP.monthStart(Date.UTC(2026, 11, 1, 2))).toBe(spMidnight(2026, 10, 1)); // 30 Nov 23:00 local
    expect(monthEnd(SP, h)).toBe(spMidnight(2026, 11, 1));
    expect(SP.monthStart(Date.UTC(2026, 2, 31, 12))).toBe(spMidnight(2026, 2, 1));
  });

  it("gives New York a 23-hour day in March and a 25-hour day in November", () => {
    const ny = localGrains("America/New_York");
    const march8 = ny.dayStart(Date.UTC(2026, 2, 8, 15)); // DST starts 8 March 2026
    expect(dayEnd(ny, march8) - march8).toBe(23 * HOUR);
    const nov1 = ny.dayStart(Date.UTC(2026, 10, 1, 15)); // DST ends 1 November 2026
    expect(dayEnd(ny, nov1) - nov1).toBe(25 * HOUR);
    expect(march8).toBe(Date.UTC(2026, 2, 8, 5));
    expect(ny.monthStart(march8)).toBe(Date.UTC(2026, 2, 1, 5));
    expect(ny.monthStart(Date.UTC(2026, 10, 15))).toBe(Date.UTC(2026, 10, 1, 4));
  });
});

function pieces(plan: GrainPlan): Span[] {
  return [...plan.hours, ...plan.days, ...plan.months].sort((a, b) => a.from - b.from);
}

describe("cutting a period", () => {
  it("reads a year from São Paulo's months, days and edge hours", () => {
    const span = { from: Date.UTC(2026, 0, 15, 17), to: Date.UTC(2026, 11, 7, 9) };
    const plan = planSpan(span, SP, "month");
    expect(plan.months).toEqual([{ from: spMidnight(2026, 1, 1), to: spMidnight(2026, 11, 1) }]);
    expect(plan.days).toEqual([
      { from: spMidnight(2026, 0, 16), to: spMidnight(2026, 1, 1) },
      { from: spMidnight(2026, 11, 1), to: spMidnight(2026, 11, 7) },
    ]);
    expect(plan.hours).toEqual([
      { from: span.from, to: spMidnight(2026, 0, 16) },
      { from: spMidnight(2026, 11, 7), to: span.to },
    ]);
    expect(planSpan(span, SP, "day").months).toEqual([]);
    expect(planSpan(span, null, "month")).toEqual({ hours: [span], days: [], months: [] });
  });

  for (const zone of ["America/Sao_Paulo", "America/New_York", "Europe/Lisbon", "Asia/Kolkata"]) {
    it(`covers any period exactly once with whole days and months (${zone})`, () => {
      const g = localGrains(zone);
      const day = localClock(zone, "day");
      const month = localClock(zone, "month");
      const base = Date.UTC(2025, 0, 1);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 600 * 24 }), fc.integer({ min: 1, max: 120 * 24 }), fc.boolean(), (a, len, monthsToo) => {
          const span = { from: base + a * HOUR, to: base + (a + len) * HOUR };
          const plan = planSpan(span, g, monthsToo ? "month" : "day");
          const all = pieces(plan);
          expect(all[0]!.from).toBe(span.from);
          expect(all.at(-1)!.to).toBe(span.to);
          for (let i = 1; i < all.length; i++) expect(all[i]!.from).toBe(all[i - 1]!.to);
          // A whole day: its first hour starts the date, the hour after it starts another.
          for (const s of plan.days) {
            expect(day.keyOf(s.from - HOUR)).not.toBe(day.keyOf(s.from));
            expect(day.keyOf(s.to - HOUR)).not.toBe(day.keyOf(s.to));
          }
          for (const s of plan.months) {
            expect(month.keyOf(s.from - HOUR)).not.toBe(month.keyOf(s.from));
            expect(month.keyOf(s.to - HOUR)).not.toBe(month.keyOf(s.to));
          }
          if (!monthsToo) expect(plan.months).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("leaves a period shorter than a day to the hours", () => {
    const span = { from: spMidnight(2026, 10, 2) + 2 * HOUR, to: spMidnight(2026, 10, 2) + 20 * HOUR };
    expect(planSpan(span, SP, "month")).toEqual({ hours: [span], days: [], months: [] });
    const whole = { from: spMidnight(2026, 10, 2), to: spMidnight(2026, 10, 2) + DAY };
    expect(planSpan(whole, SP, "month")).toEqual({ hours: [], days: [whole], months: [] });
  });
});
