/** A bare Next.js app (bench/bare.ts): one constant route, no proxy, no headers, no database. */
const bareConfig = { poweredByHeader: false };

export default bareConfig;
