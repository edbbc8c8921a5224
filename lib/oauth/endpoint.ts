import "server-only";
import type { NextRequest } from "next/server";
import { readFormBody } from "../http/body";
import { clientAddress } from "../http/client-address";
import { consume, tokenPerAddress, tokenPerClient } from "../rate-limit";
import { authenticateClient, readClientCredentials } from "./clients";

/** The start of every token-endpoint-style call: form body, rate limits, client authentication. */
export async function authenticateTokenRequest(request: NextRequest, options: { requireConfidential?: boolean } = {}) {
  const form = await readFormBody(request);
  const credentials = readClientCredentials(request.headers, form);
  await consume(tokenPerAddress, clientAddress(request.headers));
  if (credentials.clientId) await consume(tokenPerClient, credentials.clientId);
  const client = await authenticateClient(credentials, options);
  return { form, client };
}

/** RFC 6749 §5.1: token responses are never cached. */
export const noStore = { "Cache-Control": "no-store", Pragma: "no-cache" };
