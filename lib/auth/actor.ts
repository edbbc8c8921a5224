/** Who is making a request, as read from the database on every request. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: "member" | "admin";
  organization: { id: string; name: string; type: "retailer" | "supplier" } | null;
}

export const isAdmin = (actor: Actor) => actor.role === "admin";

export function displayName(user: { firstName: string; lastName: string; email: string }): string {
  return `${user.firstName} ${user.lastName}`.trim() || user.email;
}
