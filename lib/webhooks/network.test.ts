import { describe, expect, it } from "vitest";
import { isForbiddenAddress, mayConnect, urlProblem, type NetworkPolicy } from "./network";

const deployment: NetworkPolicy = { production: false, allowPrivate: false };
const production: NetworkPolicy = { production: true, allowPrivate: false };
const underTests: NetworkPolicy = { production: false, allowPrivate: false, allowLoopback: true };
const privateDeployment: NetworkPolicy = { production: true, allowPrivate: true };

// Link-local (cloud metadata), unspecified, IPv4-compatible and known metadata addresses, in every spelling.
const never = [
  "169.254.169.254",
  "169.254.0.1",
  "fe80::1",
  "febf::1",
  "::ffff:169.254.169.254",
  "::ffff:a9fe:a9fe",
  "::169.254.169.254",
  "::a9fe:a9fe",
  "::7f00:1",
  "::a00:1",
  "::ffff:0:a9fe:a9fe",
  "64:ff9b::a9fe:a9fe",
  "0.0.0.0",
  "::",
  "fd00:ec2::254",
  "100.100.100.200",
];

describe("webhook network policy", () => {
  it("lets loopback through only under the tests or with the flag, not merely outside production", () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect(mayConnect(address, deployment), address).toBe(false);
      expect(mayConnect(address, production), address).toBe(false);
      expect(mayConnect(address, underTests), address).toBe(true);
      expect(mayConnect(address, privateDeployment), address).toBe(true);
    }
    expect(mayConnect("10.0.0.1", underTests)).toBe(false);
  });

  it("takes http://localhost only under the tests or with the flag", () => {
    expect(urlProblem("http://localhost:4000/hooks", deployment)).toBe("Use an https:// URL.");
    expect(urlProblem("http://127.0.0.1:4000/hooks", production)).toBe("Use an https:// URL.");
    expect(urlProblem("http://localhost:4000/hooks", underTests)).toBeNull();
    expect(urlProblem("http://[::1]:4000/hooks", underTests)).toBeNull();
    expect(urlProblem("http://hooks.example.com/x", underTests)).toBe("Use an https:// URL (or http:// to localhost while developing).");
    expect(urlProblem("http://10.0.0.5/hooks", privateDeployment)).toBeNull();
    expect(urlProblem("https://hooks.example.com/x", production)).toBeNull();
  });

  it("refuses link-local, metadata and IPv4-compatible addresses even with the flag", () => {
    for (const policy of [deployment, production, underTests, privateDeployment]) {
      for (const address of never) expect(mayConnect(address, policy), `${address} ${JSON.stringify(policy)}`).toBe(false);
    }
  });

  it("lets a private deployment reach its own network", () => {
    for (const address of ["10.1.2.3", "172.16.0.9", "192.168.1.1", "100.64.0.1", "fd12::1", "::ffff:10.1.2.3", "64:ff9b::a00:1"]) {
      expect(mayConnect(address, privateDeployment), address).toBe(true);
      expect(mayConnect(address, production), address).toBe(false);
    }
  });

  it("knows which addresses are public", () => {
    for (const address of [...never, "127.0.0.1", "10.1.2.3", "fc00::1", "::ffff:127.0.0.1", "not-an-ip"]) expect(isForbiddenAddress(address), address).toBe(true);
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isForbiddenAddress(address), address).toBe(false);
      expect(mayConnect(address, production), address).toBe(true);
    }
  });
});
