import { expect, type Page } from "@playwright/test";

/** The portal's pages per audience: each phone and accessibility test visits all of them. */
export const signedOutPages = ["/signin", "/signin/verify", "/register", "/forgot-password", "/docs"];
export const memberPages = ["/", "/connections", "/connections/new", "/partners", "/requests", "/notifications", "/settings/team", "/settings/security", "/settings/tokens", "/settings/apps", "/settings/authorized-apps", "/settings/webhooks", "/docs"];
export const adminPages = ["/", "/admin/approvals", "/admin/data-requests", "/admin/people", "/admin/organizations", "/admin/audit", "/partners", "/requests", "/notifications", "/settings/webhooks"];

/** The first request in a list the person can open (with `hasText`: the first such), to visit a detail page too. */
export async function firstRequestPath(page: Page, list: string, rowTestId: string, hasText?: string): Promise<string> {
  await page.goto(list);
  const href = await page.getByTestId(rowTestId).filter({ hasText }).first().getByRole("link").first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

/** Whether the page scrolls sideways: it must not, at any width. */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
