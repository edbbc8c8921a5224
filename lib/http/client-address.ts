import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import { env } from "../env";
import { compileTrustedProxies, type TrustedProxies } from "./trusted-proxies";

/**
 * The header through which the HTTP server (scripts/server.ts) tells the app who the client is.
 * Route handlers cannot see the socket, so the server writes it on every request, replacing any
 * value a client sent: it is never read from the outside world.
 */
export const clientAddressHeader = "x-portal-client-address";

let configured: TrustedProxies | undefined;
const trustedProxies = () => (configured ??= compileTrustedProxies(env().TRUSTED_PROXIES));

/**
 * Stamps the client's address on an incoming request: the socket's peer, unless that peer is a
 * trusted proxy, in which case X-Forwarded-For is walked from the right past trusted hops only.
 * A client that forges X-Forwarded-For without a trusted proxy in front changes nothing.
 */
export function stampClientAddress(request: IncomingMessage, trust: TrustedProxies = trustedProxies()): string {
  const address = request.socket.remoteAddress ? proxyAddr(request, trust) : "unknown";
  request.headers[clientAddressHeader] = address;
  return address;
}

/**
 * Whether the socket's peer is a proxy we trust: only then may its headers speak for the request
 * (X-Request-Id from a load balancer); anyone else could choose what our logs say.
 */
export function peerIsTrustedProxy(request: IncomingMessage, trust: TrustedProxies = trustedProxies()): boolean {
  const peer = request.socket.remoteAddress;
  return peer !== undefined && trust(peer, 0);
}

/** The address the server stamped; "unknown" when the app runs behind something else. */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get(clientAddressHeader) : headers[clientAddressHeader];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value || "unknown";
}
