import { getDataRequestArchive } from "@/lib/data-requests/requests";
import { attachment } from "@/lib/http/route";
import { sessionRoute } from "@/lib/http/session-route";

/** The portal's download of a data copy, with the browser session (the API's needs a bearer token). */
export const GET = sessionRoute<{ id: string }>(async ({ params, actor }) => {
  const { archive, fileName } = await getDataRequestArchive(actor.userId, params.id);
  return attachment(archive.content, { contentType: "application/zip", size: archive.size, name: fileName });
});
