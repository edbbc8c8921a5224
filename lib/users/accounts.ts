import type { Db, Tx } from "../db/connect";
import { AppError } from "../http/errors";
import { hashPassword } from "../auth/password";
import { createOrganizationSchema, createUserSchema, type CreateUserInput } from "../schemas/users";
import { Prisma } from "../generated/prisma/client";
import { applyAccountChange, type AccountChange } from "../admin/account-changes";

type Client = Db | Tx;

export interface AccountSummary {
  id: string;
  email: string;
  role: "member" | "admin";
  organizationRole: "owner" | "member";
  organization: { id: string; name: string; type: "retailer" | "supplier" } | null;
}

const nameKey = (name: string) => name.trim().toLowerCase();

export async function createOrganization(client: Client, input: { name: string; type: string; accountNumber?: string }) {
  const data = createOrganizationSchema.parse(input);
  try {
    return await client.organization.create({ data: { ...data, nameKey: nameKey(data.name) } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `An organization named "${data.name}" already exists.`, {
        fieldErrors: { organizationName: ["An organization of that name is already registered."] },
      });
    }
    throw error;
  }
}

export function findOrganizationByName(client: Client, name: string) {
  return client.organization.findUnique({ where: { nameKey: nameKey(name) } });
}

/**
 * Creates a person. With an organization name, `joinExisting` decides whether an existing
 * organization of that name is joined (operators) or refused (self-registration, so nobody can
 * make themselves a member of someone else's organization).
 */
export async function createAccount(
  client: Db,
  input: CreateUserInput,
  options: { joinExisting: boolean; verified?: boolean },
): Promise<AccountSummary> {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return client.$transaction(async (tx) => {
    let organization = null;
    if (data.organizationName) {
      const existing = await findOrganizationByName(tx, data.organizationName);
      if (existing && !options.joinExisting) {
        throw new AppError("conflict", "That organization is already registered.", {
          fieldErrors: {
            organizationName: ["An organization of that name is already registered: ask its administrator to add you."],
          },
        });
      }
      if (existing && existing.type !== data.organizationType) {
        throw new AppError("conflict", `"${existing.name}" is a ${existing.type}, not a ${data.organizationType}.`);
      }
      organization =
        existing ?? (await createOrganization(tx, { name: data.organizationName, type: data.organizationType }));
    }
    // The first member of an organization, however it was made, owns it.
    const organizationRole =
      data.organizationRole ?? (organization && (await tx.user.count({ where: { organizationId: organization.id } })) === 0 ? "owner" : "member");
    try {
      const user = await tx.user.create({
        data: {
          email: data.email,
          passwordHash,
          firstName: data.firstName,
          lastName: data.lastName,
          role: data.role,
          organizationId: organization?.id,
          organizationRole,
          // Operators (the CLI) vouch for the address; self-registration with mail proves it by a link.
          emailVerifiedAt: options.verified === false ? null : new Date(),
        },
      });
      return {
        id: user.id,
        email: user.email,
        role: user.role,
        organizationRole: user.organizationRole,
        organization: organization && { id: organization.id, name: organization.name, type: organization.type },
      };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("conflict", "An account with that e-mail address already exists.", {
          fieldErrors: { email: ["An account with that e-mail address already exists."] },
        });
      }
      throw error;
    }
  });
}

/**
 * The operator's `user:update`: changes a person's role or account state by the same rules as the
 * admins' people pages (lib/admin/account-changes.ts): never the last active admin, disabling
 * revokes everything the person holds, an audit entry per transition (no actor: the operator).
 * Every browser session of theirs is revoked whatever changed, so a copied cookie stops working
 * (the documented session policy).
 */
export async function changeAccount(client: Db, email: string, change: AccountChange) {
  return client.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
    if (!user) throw new AppError("not_found", `No account has the e-mail address ${email}.`);
    const now = new Date();
    const changed = await applyAccountChange(tx, user.id, change, { actorId: null, now, via: "cli" });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    return { id: changed.id, email: changed.email, role: changed.role, status: changed.status, revoked: changed.revoked };
  });
}
