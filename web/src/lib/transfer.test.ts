import { describe, expect, it } from "vitest";
import { filenameFromDisposition } from "./transfer";

describe("filenameFromDisposition", () => {
  it("reads quoted, bare and encoded names", () => {
    expect(filenameFromDisposition('attachment; filename="tickets-1.csv"', "x")).toBe("tickets-1.csv");
    expect(filenameFromDisposition("attachment; filename=audit.csv", "x")).toBe("audit.csv");
    expect(filenameFromDisposition("attachment; filename*=UTF-8''caf%C3%A9.pdf", "x")).toBe("café.pdf");
  });

  it("falls back and never lets a name climb directories", () => {
    expect(filenameFromDisposition(null, "fallback.svg")).toBe("fallback.svg");
    expect(filenameFromDisposition("attachment", "fallback.svg")).toBe("fallback.svg");
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', "f")).toBe("_.._etc_passwd");
  });
});
