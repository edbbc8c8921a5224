import proxyAddr from "proxy-addr";

/** Decides whether the hop at `address`, `hop` steps from this server, is a proxy we trust. */
export type TrustedProxies = (address: string, hop: number) => boolean;

/**
 * Reads TRUSTED_PROXIES the way reverse-proxy-aware frameworks (Express's "trust proxy") do:
 * unset or "0" trusts nobody, so the socket's peer is the client; a whole number N trusts the N
 * nearest hops; otherwise a comma-separated list of addresses, CIDR ranges, or the names
 * `loopback`, `linklocal` and `uniquelocal`. Throws on an entry that is none of these.
 */
export function compileTrustedProxies(value: string | undefined): TrustedProxies {
  const setting = (value ?? "").trim();
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  if (setting === "") return () => false;
  return proxyAddr.compile(setting.split(",").map((entry) => entry.trim()).filter(Boolean));
}
