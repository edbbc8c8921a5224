export function securityHeaders(): { key: string; value: string }[];
export function pageContentSecurityPolicy(nonce: string, options?: { development?: boolean; formTargets?: string[] }): string;
export const apiContentSecurityPolicy: string;
