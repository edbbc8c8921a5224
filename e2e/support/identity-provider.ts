import net from "node:net";
import Provider, { type Configuration } from "oidc-provider";

/** The client the portal is registered as at the test's identity provider. */
export const ssoClient = { id: "crux-portal-e2e", secret: "e2e-client-secret-that-is-long-enough" };

/**
 * Who signs in: the login name is the e-mail address the provider asserts, verified unless it
 * ends in "#unverified" (the sub is the whole login, so each variant is a person of its own).
 */
function claimsOf(login: string) {
  const [email = "", flag] = login.split("#");
  const name = email.split("@")[0]!.replace(/[._-]+/g, " ");
  return { sub: login, email, email_verified: flag !== "unverified", name, given_name: name.split(" ")[0], family_name: "Sso" };
}

/** A free loopback port, so the issuer (which includes it) is known before the portal starts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real OpenID provider (oidc-provider, the certified Node.js implementation) on a loopback port:
 * its development login form takes any login name, and consent is given for the portal, so a
 * journey goes: the portal's button, the provider's form, back signed in.
 */
export async function startIdentityProvider(appOrigin: string): Promise<{ issuer: string; close: () => void }> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: ssoClient.id,
        client_secret: ssoClient.secret,
        redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name"] },
    pkce: { required: () => true },
    // The scopes' claims go into the ID token too (not only userinfo), as most providers put
    // email and email_verified there: next-auth reads the validated ID token.
    conformIdTokenClaims: false,
    cookies: { keys: ["e2e-identity-provider-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_context, login) {
      return { accountId: login, claims: async () => claimsOf(login) };
    },
    // The portal is the provider's own first-party client here: no consent screen.
    async loadExistingGrant(context) {
      const grant = new context.oidc.provider.Grant({ clientId: context.oidc.client!.clientId, accountId: context.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const server = provider.listen(port, "127.0.0.1");
  return { issuer, close: () => server.close() };
}
