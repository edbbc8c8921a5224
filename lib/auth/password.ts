import { hash, verify } from "@node-rs/argon2";

// argon2id with @node-rs/argon2's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (password: string) => hash(password);

// Verifying against this when the account does not exist keeps both answers equally slow, so
// timing does not tell which e-mail addresses have accounts.
const unknownUserHash = hash("no account has this password");

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? (await unknownUserHash), password);
    return ok && passwordHash !== undefined;
  } catch {
    return false;
  }
}
