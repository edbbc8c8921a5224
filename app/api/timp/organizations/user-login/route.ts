import { timpUserLogin } from "@/lib/auth/user-login";
import { readJsonBody } from "@/lib/http/body";
import { apiRoute, json, methodNotAllowed } from "@/lib/http/route";
import { parseInput } from "@/lib/http/validate";
import { userLoginSchema } from "@/lib/schemas/users";

/** POST /timp/organizations/user-login/: e-mail and password for a two-hour `Token`. */
export const POST = apiRoute("timp", async ({ request }) => {
  const credentials = parseInput(userLoginSchema, await readJsonBody(request));
  return json(await timpUserLogin(credentials, request.headers));
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
