import { describe, expect, it } from "vitest";
import { parseScheduleExpression } from "@/lib/scheduler/expression";
import { refusal } from "@/lib/scheduler/test/helpers";

describe("at() parsing", () => {
  it("reads a local date-time", () => {
    expect(parseScheduleExpression("at(2026-03-08T02:30:00)")).toEqual({
      kind: "at",
      expression: "at(2026-03-08T02:30:00)",
      local: { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 },
    });
  });

  it("points at the first character that breaks yyyy-mm-ddThh:mm:ss", () => {
    const space = refusal("at(2026-01-01 00:00:00)");
    expect(space.message).toBe(
      "at: expected 'T' but found ' '; write 'at(yyyy-mm-ddThh:mm:ss)', e.g. 'at(2026-03-08T02:30:00)' (at character 14)",
    );
    expect(refusal("at(2026-1-01T00:00:00)").position).toBe(9);
    expect(refusal("at(2026-01-01T00:00)").message).toContain("the value is incomplete");
    expect(refusal("at(2026-01-01T00:00)").position).toBe(19);
    expect(refusal("at(2026-01-01T00:00:00Z)").message).toContain("unexpected 'Z'");
  });

  it("range-checks each part and names it", () => {
    expect(refusal("at(2026-02-30T00:00:00)").message).toBe(
      "at: day '30' does not exist in February 2026 (at character 12)",
    );
    expect(parseScheduleExpression("at(2028-02-29T00:00:00)").kind).toBe("at");
    expect(refusal("at(2026-13-01T00:00:00)").message).toBe("at: month '13' is out of range 01-12 (at character 9)");
    expect(refusal("at(2026-01-00T00:00:00)").position).toBe(11);
    expect(refusal("at(2026-01-01T24:00:00)").message).toBe("at: hour '24' is out of range 00-23 (at character 15)");
    expect(refusal("at(2026-01-01T00:60:00)").position).toBe(17);
    expect(refusal("at(2026-01-01T00:00:60)").position).toBe(20);
    expect(refusal("at(1969-12-31T23:59:59)").message).toContain("year '1969' is out of range 1970-2199");
  });
});
