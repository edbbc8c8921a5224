import type { Metadata } from "next";
import Link from "next/link";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requireActor("/");
  const organization = actor.organization;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Welcome, {actor.name}</h1>
      <p data-testid="home-summary">
        {organization
          ? `You are a member of ${organization.name} (${organization.type}).`
          : isAdmin(actor)
            ? "You are a platform admin."
            : "You do not belong to an organization yet."}
      </p>
      <ul className="list-disc pl-6">
        {organization && (
          <li>
            <Link href="/connections" className="text-brand-700 underline">Your organization&apos;s connection requests</Link>
          </li>
        )}
        <li>
          <Link href="/requests" className="text-brand-700 underline">Copies of your data</Link>
        </li>
        {isAdmin(actor) && (
          <li>
            <Link href="/admin/approvals" className="text-brand-700 underline">Review connection requests</Link>
          </li>
        )}
      </ul>
    </div>
  );
}
