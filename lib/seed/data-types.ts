import type { Db } from "../db/connect";

/** The kinds of data this app holds about a person, which a data request can ask a copy of. */
export const dataTypeCatalogue = [
  { id: "profile", title: "Profile", description: "Your name, e-mail address, phone, job title and account dates." },
  { id: "organization", title: "Organization", description: "The organization you belong to and its type." },
  {
    id: "connection_requests",
    title: "Connection requests",
    description: "Connection requests you submitted, with their integrations and decisions.",
  },
  { id: "uploaded_files", title: "Uploaded files", description: "Files you uploaded: their details and content." },
  { id: "api_tokens", title: "API tokens", description: "Your API tokens' names, dates and status (never the secrets)." },
  {
    id: "oauth_authorizations",
    title: "Authorized apps",
    description: "Apps you authorized to act for you, with their scopes and dates.",
  },
  { id: "activity", title: "Activity", description: "The audit trail of actions you took and actions about you." },
] as const;

/** Reference data kept in step with the code on every start. */
export async function syncDataTypes(db: Db): Promise<void> {
  await db.$transaction(
    dataTypeCatalogue.map((type, position) =>
      db.dataType.upsert({ where: { id: type.id }, create: { ...type, position }, update: { ...type, position } }),
    ),
  );
}
