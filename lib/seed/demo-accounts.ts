/** The demo's people, apart from the seeding code so that `npm start` can list them without loading it. */
export const demoPassword = "demo-password";

export const demoAccounts = [
  { email: "admin@example.com", role: "admin", organization: null, firstName: "Ada", lastName: "Admin" },
  { email: "alice@acme-retail.example", role: "member", organization: "Acme Retail", firstName: "Alice", lastName: "Archer" },
  { email: "carol@acme-retail.example", role: "member", organization: "Acme Retail", firstName: "Carol", lastName: "Chen" },
  { email: "bob@northwind.example", role: "member", organization: "Northwind Stores", firstName: "Bob", lastName: "Baker" },
  { email: "sam@globex-supply.example", role: "member", organization: "Globex Supply", firstName: "Sam", lastName: "Stone" },
] as const;

