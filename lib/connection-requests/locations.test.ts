import { describe, expect, it } from "vitest";
import { maskLocationPasswords } from "./locations";

describe("file locations in the portal", () => {
  it("mask the password of every user:password@ part and keep the rest as written", () => {
    expect(maskLocationPasswords("ftp://foo:bar@baz.blerg")).toBe("ftp://foo:••••@baz.blerg");
    expect(maskLocationPasswords("sftp://me:p%40ss@files.example:22/in\nhttps://x.example/a?b=c:d@e")).toBe(
      "sftp://me:••••@files.example:22/in\nhttps://x.example/a?b=c:d@e",
    );
    expect(maskLocationPasswords("file_locations")).toBe("file_locations");
    expect(maskLocationPasswords("https://user@host.example/")).toBe("https://user@host.example/");
  });
});
