import type { Db, Tx } from "../db/connect";
import { AppError } from "../http/errors";
import { hashPassword } from "../auth/password";
import { createOrganizationSchema, createUserSchema, type CreateUserInput } from "../schemas/users";
import { Prisma } from "../generated/prisma/client";

type Client = Db | Tx;

export interface AccountSummary {
  id: string;
  email: string;
  role: "member" | "admin";
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
 * Changes a person's role or account state. Every browser session of theirs is revoked, so a
 * copied cookie stops working (the documented session policy); API tokens keep working but carry
 * no role of their own: each call reads it from the database.
 */
export async function changeAccount(client: Db, email: string, change: { role?: "member" | "admin"; status?: "active" | "disabled" }) {
  return client.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) throw new AppError("not_found", `No account has the e-mail address ${email}.`);
    await tx.user.update({ where: { id: user.id }, data: change });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    return { id: user.id, email: user.email, role: change.role ?? user.role, status: change.status ?? user.status };
  });
}
