import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

import type { NextRequest } from "next/server";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that building the app needs no secret.
const handler = (request: NextRequest, context: Context) => NextAuth(request, context, authOptions());

export { handler as GET, handler as POST };
