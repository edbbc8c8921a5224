import "server-only";
import crypto from "node:crypto";
import { db } from "../../db/client";
import { hashSecret } from "../secrets";

const codeCount = 10;
const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read off a screen or paper

/** "abcde-fghjk": ten characters from an unambiguous alphabet, about 49 bits each. */
function newCode(): string {
  const chars = Array.from(crypto.randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** How a typed code is compared: case, spaces and dashes do not matter. */
const normalized = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");

/** Ten new single-use codes (the old ones stop working), shown once and kept only as hashes. */
export async function issueRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: codeCount }, newCode);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashSecret(normalized(code)) })) }),
  ]);
  return codes;
}

/** Spends a recovery code: true once per code (a conditional update), false for any other input. */
export async function spendRecoveryCode(userId: string, code: string, now = new Date()): Promise<boolean> {
  const typed = normalized(code);
  if (!/^[a-z0-9]{10}$/.test(typed)) return false;
  const { count } = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashSecret(typed), usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

export const unusedRecoveryCodes = (userId: string) => db.recoveryCode.count({ where: { userId, usedAt: null } });
