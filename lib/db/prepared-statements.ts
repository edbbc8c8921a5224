import crypto from "node:crypto";

/**
 * Hot-path statements PostgreSQL keeps parsed and planned on each pooled connection (named
 * prepared statements), so a request pays only for running them: for the TIMP list's one
 * statement, parsing and planning cost more than executing it (README, "Performance"). Only the
 * statements registered here are named, so the per-connection cache stays bounded; Prisma's own
 * queries stay unnamed. Behind a transaction pooler (DATABASE_DIRECT_URL set) nothing is named:
 * PgBouncer before 1.21 cannot keep a prepared statement on the connection a client gets next.
 * Kept on globalThis: the server script and the Next.js bundle each load this module.
 */
const holder = globalThis as { __preparedStatements?: Map<string, string> };
const names = (holder.__preparedStatements ??= new Map());

/** Marks the statement text (as sent, `$1` placeholders) as one to prepare; returns it. */
export function prepared<Statement extends { text: string }>(statement: Statement): Statement {
  if (!names.has(statement.text)) names.set(statement.text, `hot_${crypto.createHash("sha256").update(statement.text).digest("hex").slice(0, 24)}`);
  return statement;
}

/** For @prisma/adapter-pg's statementNameGenerator: a registered statement's name, else none (unnamed). */
export const statementName = (query: { sql: string }): string | undefined => names.get(query.sql);
