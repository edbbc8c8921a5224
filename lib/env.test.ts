import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./auth/secret";
import { EnvError, parseEnv, requireAppUrl } from "./env";

describe("environment", () => {
  it("defaults to the embedded database in ./.data on port 3000", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe("./.data");
    expect(env.PORT).toBe(3000);
    expect(env.SEED_DEMO).toBe(true);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET/);
  });

  it("reads SEED_DEMO=0 as off", () => {
    expect(parseEnv({ SEED_DEMO: "0" }).SEED_DEMO).toBe(false);
  });

  it("loads no demo accounts in production unless SEED_DEMO=1 says so", () => {
    expect(parseEnv({ NODE_ENV: "production" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", SEED_DEMO: "" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ NODE_ENV: "development" }).SEED_DEMO).toBe(true);
  });

  it("trusts no proxy by default and refuses a TRUSTED_PROXIES it cannot read", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toBe("");
    expect(parseEnv({ TRUSTED_PROXIES: "1" }).TRUSTED_PROXIES).toBe("1");
    expect(parseEnv({ TRUSTED_PROXIES: "loopback, 10.0.0.0/8" }).TRUSTED_PROXIES).toBe("loopback, 10.0.0.0/8");
    expect(() => parseEnv({ TRUSTED_PROXIES: "my-proxy" })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("auth secret", () => {
  it("is required in production", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-"));
    expect(() => resolveAuthSecret({ production: true, dataDir })).toThrow(/AUTH_SECRET is not set/);
    expect(fs.existsSync(path.join(dataDir, "auth-secret"))).toBe(false);
  });

  it("is generated once outside production and kept in the data folder", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-"));
    const first = resolveAuthSecret({ production: false, dataDir });
    expect(first.length).toBeGreaterThanOrEqual(48);
    expect(resolveAuthSecret({ production: false, dataDir })).toBe(first);
    expect(fs.statSync(path.join(dataDir, "auth-secret")).mode & 0o077).toBe(0);
  });

  it("uses the configured secret when there is one", () => {
    expect(resolveAuthSecret({ secret: "x".repeat(40), production: true, dataDir: "/nonexistent" })).toBe("x".repeat(40));
  });
});

describe("APP_URL", () => {
  it("is required in production, with a message saying what to set", () => {
    expect(() => requireAppUrl(parseEnv({ NODE_ENV: "production" }), true)).toThrow(EnvError);
    expect(() => requireAppUrl(parseEnv({ NODE_ENV: "production", APP_URL: "" }), true)).toThrow(/APP_URL is required in production.*https:\/\/portal\.example\.com/);
    expect(() => requireAppUrl(parseEnv({ APP_URL: "https://portal.example.com" }), true)).not.toThrow();
  });

  it("may be left unset outside production", () => {
    expect(() => requireAppUrl(parseEnv({}), false)).not.toThrow();
  });
});

describe("capacity settings", () => {
  it("default to 10 connections per instance and a 5-second readiness delay at shutdown", () => {
    const env = parseEnv({});
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.SHUTDOWN_DELAY_SECONDS).toBe(5);
    expect(parseEnv({ SHUTDOWN_DELAY_SECONDS: "0" }).SHUTDOWN_DELAY_SECONDS).toBe(0);
    expect(() => parseEnv({ DATABASE_DIRECT_URL: "mysql://x" })).toThrow(/DATABASE_DIRECT_URL/);
  });
});
