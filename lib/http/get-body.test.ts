import { describe, expect, it } from "vitest";
import { mergeGetBody } from "./get-body";

const json = "application/json; charset=utf-8";

describe("GET bodies of TIMP lists", () => {
  it("move into the query string, which wins a conflict", () => {
    expect(mergeGetBody("/api/timp/x/", json, Buffer.from('{"limit": 5, "start": 10}'))).toEqual({ ok: true, url: "/api/timp/x/?limit=5&start=10" });
    expect(mergeGetBody("/api/timp/x/?limit=1", json, Buffer.from('{"limit": 5, "q": "a b"}'))).toEqual({
      ok: true,
      url: "/api/timp/x/?limit=1&q=a+b",
    });
    expect(mergeGetBody("/api/timp/x/", json, Buffer.from("{}"))).toEqual({ ok: true, url: "/api/timp/x/" });
  });

  it("keep wrong types visible to validation rather than dropping them", () => {
    expect(mergeGetBody("/api/timp/x/", json, Buffer.from('{"limit": [1]}'))).toEqual({ ok: true, url: "/api/timp/x/?limit=%5B1%5D" });
  });

  it("are refused when not JSON, malformed, not an object or too large", () => {
    expect(mergeGetBody("/x", "text/plain", Buffer.from("limit=1"))).toMatchObject({ ok: false, status: 415 });
    expect(mergeGetBody("/x", json, Buffer.from("{"))).toMatchObject({ ok: false, status: 400 });
    expect(mergeGetBody("/x", json, Buffer.from("[1]"))).toMatchObject({ ok: false, status: 400, detail: "Invalid data. Expected a dictionary." });
    expect(mergeGetBody("/x", json, Buffer.alloc(1024 * 1024 + 1, 32))).toMatchObject({ ok: false, status: 413 });
  });
});
