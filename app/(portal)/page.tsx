import type { Metadata } from "next";
import { AdminHome } from "@/components/dashboard/admin-home";
import { MemberHome } from "@/components/dashboard/member-home";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { adminDashboard } from "@/lib/dashboards/admin";
import { memberDashboard } from "@/lib/dashboards/member";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requireActor("/");
  const organization = actor.organization;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Welcome, {actor.name}</h1>
        <p className="mt-1 text-slate-700" data-testid="home-summary">
          {organization
            ? `You are a member of ${organization.name} (${organization.type}).`
            : isAdmin(actor)
              ? "You are a platform admin."
              : "You do not belong to an organization yet."}
        </p>
      </div>
      {isAdmin(actor) ? <AdminHome dashboard={await adminDashboard(actor)} /> : <MemberHome dashboard={await memberDashboard(actor)} />}
    </div>
  );
}
