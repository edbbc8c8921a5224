import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { AppError, forbidden } from "../http/errors";
import type { updateConnectionSchema } from "../schemas/connections";
import { findVisibleConnection } from "./access";
import type { ConnectionDto } from "./dto";
import { readConnection } from "./queries";

type AccountNumbers = z.output<typeof updateConnectionSchema>;

/**
 * Each side keeps its own number for the other: the supplier its number for the retailer, the
 * retailer its number for the supplier. Setting the other side's (admins included: it is the
 * organizations' own data) is a 403; a deactivated connection no longer changes (409).
 */
export async function updateAccountNumbers(actor: Actor, id: string, input: AccountNumbers): Promise<ConnectionDto> {
  return db.$transaction(async (tx) => {
    const { connection, side } = await findVisibleConnection(tx, actor, id);
    const supplierField = input.suppliers_retailer_account_number;
    const retailerField = input.retailers_supplier_account_number;
    if (supplierField !== undefined && side !== "supplier") throw forbidden("Only the supplier's members can set suppliers_retailer_account_number.");
    if (retailerField !== undefined && side !== "retailer") throw forbidden("Only the retailer's members can set retailers_supplier_account_number.");
    if (supplierField === undefined && retailerField === undefined) throw new AppError("validation", "Give suppliers_retailer_account_number or retailers_supplier_account_number.");
    const { count } = await tx.connection.updateMany({
      where: { id: connection.id, status: { not: "deactivated" } },
      data: {
        // An empty number is no number.
        ...(supplierField !== undefined ? { suppliersRetailerAccountNumber: supplierField || null } : {}),
        ...(retailerField !== undefined ? { retailersSupplierAccountNumber: retailerField || null } : {}),
      },
    });
    if (count === 0) throw new AppError("conflict", "This connection is DEACTIVATED; it can no longer be changed.");
    return readConnection(tx, connection.id);
  });
}
