import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export interface NetworkPolicy {
  /** Production: https only, and only to public addresses. Elsewhere loopback is allowed too (a developer's own receiver). */
  production: boolean;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS=1: a private deployment may target its own network, over http too. */
  allowPrivate: boolean;
}

const isLocalhost = (hostname: string) => hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";

/** Why a webhook URL cannot be used, or null: checked when an endpoint is saved. */
export function urlProblem(raw: string, policy: NetworkPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://hooks.example.com/crux.";
  }
  if (url.username || url.password) return "Put no credentials in the URL: verify the signature instead.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && (policy.allowPrivate || (!policy.production && isLocalhost(url.hostname)))) return null;
  return policy.production ? "Use an https:// URL." : "Use an https:// URL (or http:// to localhost while developing).";
}

/**
 * Addresses a webhook must never reach: anything but public unicast (loopback, private,
 * link-local — cloud metadata lives there —, unique-local, carrier-grade NAT, reserved).
 */
export function isForbiddenAddress(address: string): boolean {
  return addressRange(address) !== "unicast";
}

function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return "invalid";
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range();
}

/** Whether the policy lets a delivery connect to `address`: checked on every address connected to. */
export function mayConnect(address: string, policy: NetworkPolicy): boolean {
  if (policy.allowPrivate) return true;
  const range = addressRange(address);
  return range === "unicast" || (!policy.production && range === "loopback");
}

/**
 * The DNS lookup the delivery connects with, in every environment (a deployment that forgot
 * NODE_ENV=production still refuses private targets): every address the name resolves to is checked at
 * connection time (DNS can change between saving and sending, and a name can resolve to several
 * addresses), so what is checked is what is connected to.
 */
export function guardedLookup(policy: NetworkPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((entry) => !mayConnect(entry.address, policy));
      if (refused) return callback(Object.assign(new Error(`Refused to connect to ${refused.address}: not a public address.`), { code: "EFORBIDDENADDRESS" }), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
