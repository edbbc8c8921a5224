import type { ReactNode } from "react";
import type { ConnectionDto } from "@/lib/connections/dto";
import type { Side } from "@/lib/connections/access";
import { AccountNumberForm } from "./account-number-form";

type Contact = ConnectionDto["retailer"]["contact"];

function ContactLines({ contact }: { contact: Contact }) {
  if (!contact) return <p className="text-slate-600">No contact given.</p>;
  const name = `${contact.first_name} ${contact.last_name}`.trim();
  return (
    <div>
      {name && <p>{name}</p>}
      {contact.email && <p><a href={`mailto:${contact.email}`} className="break-all text-brand-700 underline">{contact.email}</a></p>}
      {contact.phone && <p>{contact.phone}</p>}
    </div>
  );
}

/**
 * One organization of the connection: whom to talk to, and its account number for the other side,
 * which only its own members can change (not once the connection is deactivated).
 */
function Party({ title, name, contact, number, numberLabel, form }: { title: string; name: string; contact: Contact; number: string | null; numberLabel: string; form: ReactNode }) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-3 rounded border border-slate-200 bg-white p-4" data-testid={`party-${title.toLowerCase()}`}>
      <h2 className="text-lg font-semibold">{title}: {name}</h2>
      <div className="text-sm">
        <h3 className="font-medium">Contact</h3>
        <ContactLines contact={contact} />
      </div>
      {form || (
        <p className="text-sm">
          <span className="font-medium">{numberLabel}:</span> {number || "not set"}
        </p>
      )}
    </section>
  );
}

export function ConnectionParties({ connection, side }: { connection: ConnectionDto; side: Side }) {
  const open = connection.status !== "DEACTIVATED";
  const retailer = connection.retailer.organization.name;
  const supplier = connection.supplier.organization.name;
  const retailerLabel = `${retailer}'s account number for ${supplier}`;
  const supplierLabel = `${supplier}'s account number for ${retailer}`;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Party
        title="Retailer"
        name={retailer}
        contact={connection.retailer.contact}
        number={connection.retailers_supplier_account_number}
        numberLabel={retailerLabel}
        form={open && side === "retailer" && (
          <AccountNumberForm connectionId={connection.uuid} field="retailers_supplier_account_number" value={connection.retailers_supplier_account_number} label={retailerLabel} />
        )}
      />
      <Party
        title="Supplier"
        name={connection.supplier.uuid ? supplier : `${supplier} (not on the portal)`}
        contact={connection.supplier.contact}
        number={connection.suppliers_retailer_account_number}
        numberLabel={supplierLabel}
        form={open && side === "supplier" && (
          <AccountNumberForm connectionId={connection.uuid} field="suppliers_retailer_account_number" value={connection.suppliers_retailer_account_number} label={supplierLabel} />
        )}
      />
    </div>
  );
}
