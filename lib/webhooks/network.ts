import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export interface NetworkPolicy {
  /** Production: https only, and only to public addresses (unless allowPrivate). */
  production: boolean;
  /**
   * WEBHOOK_ALLOW_PRIVATE_NETWORKS=1: a private deployment may target its own network (private,
   * unique-local, carrier-grade NAT and loopback addresses), over http too. Never link-local.
   */
  allowPrivate: boolean;
  /**
   * Loopback (and, outside production, http:// to localhost) without the flag: only under the test suite, whose
   * receivers listen there. Not merely "not production": a deployment that forgot NODE_ENV must
   * not let an endpoint reach the services on its own host.
   */
  allowLoopback?: boolean;
}

const isLocalhost = (hostname: string) => hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";

/** Why a webhook URL cannot be used, or null: checked when an endpoint is saved, and again at each send. */
export function urlProblem(raw: string, policy: NetworkPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://hooks.example.com/crux.";
  }
  if (url.username || url.password) return "Put no credentials in the URL: verify the signature instead.";
  if (url.protocol === "https:") return null;
  const localHttp = policy.allowLoopback === true && !policy.production;
  if (url.protocol === "http:" && (policy.allowPrivate || (localHttp && isLocalhost(url.hostname)))) return null;
  return localHttp ? "Use an https:// URL (or http:// to localhost while developing)." : "Use an https:// URL.";
}

/**
 * Cloud metadata services outside 169.254.0.0/16: AWS's IPv6 one sits in unique-local space and
 * Alibaba's in carrier-grade NAT space, both of which a private deployment may otherwise reach.
 */
const metadataAddresses = new Set(["fd00:ec2::254", "100.100.100.200"]);

/** What a private deployment (WEBHOOK_ALLOW_PRIVATE_NETWORKS=1) may reach besides public unicast. */
const privateRanges = new Set(["unicast", "loopback", "private", "uniqueLocal", "carrierGradeNat"]);

/**
 * Addresses a webhook must never reach without the flag: anything but public unicast (loopback,
 * private, link-local — cloud metadata lives there —, unique-local, carrier-grade NAT, reserved).
 */
export function isForbiddenAddress(address: string): boolean {
  return addressRange(address) !== "unicast";
}

/** ipaddr.js's range name, looking through the IPv6 forms that carry an IPv4 address. */
function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return "invalid";
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    if (metadataAddresses.has(v6.toString())) return "metadata";
    // ::/96, IPv4-compatible IPv6 (deprecated): ipaddr.js calls ::a9fe:a9fe "unicast", yet it names
    // 169.254.169.254. Only ::1 and :: have a meaning there.
    if (v6.parts.slice(0, 6).every((part) => part === 0) && v6.parts[6]! + v6.parts[7]! > 1) return "ipv4Compatible";
    const range = v6.range();
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    // ::ffff:0:0/96 and 64:ff9b::/96 (NAT64) carry an IPv4 address in their last 32 bits.
    else if (range === "rfc6145" || range === "rfc6052") parsed = ipaddr.fromByteArray(v6.toByteArray().slice(12));
    else return range;
  }
  return metadataAddresses.has(parsed.toString()) ? "metadata" : parsed.range();
}

/**
 * Whether the policy lets a delivery connect to `address`: checked on every address connected to.
 * Link-local (169.254.0.0/16, fe80::/10: cloud metadata), unspecified, IPv4-compatible and known
 * metadata addresses are refused whatever the policy.
 */
export function mayConnect(address: string, policy: NetworkPolicy): boolean {
  const range = addressRange(address);
  if (range === "unicast") return true;
  if (policy.allowPrivate) return privateRanges.has(range);
  return range === "loopback" && policy.allowLoopback === true;
}

/** A target the policy refuses. Its message names the address: for the server log, not for members. */
export class ForbiddenTargetError extends Error {
  readonly code = "EFORBIDDENADDRESS";
  constructor(address: string) {
    super(`Refused to connect to ${address}: not an allowed address.`);
  }
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
      if (refused) return callback(new ForbiddenTargetError(refused.address), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
