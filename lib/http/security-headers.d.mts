export function securityHeaders(): { key: string; value: string }[];
export function pageContentSecurityPolicy(nonce: string, options?: { development?: boolean }): string;
export const apiContentSecurityPolicy: string;
