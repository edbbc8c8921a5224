import { getFileForActor } from "@/lib/files/files";
import { attachment, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";

/** GET /timp/organizations/files/{uuid}/: the file as an attachment, typed as the server sniffed it. */
export const GET = timpRoute<{ uuid: string }>(async ({ params, actor }) => {
  const file = await getFileForActor(actor, params.uuid);
  return attachment(file.content, file);
});

const others = methodNotAllowed("timp", ["GET"]);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
