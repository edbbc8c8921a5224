const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in URLs are checked before any query: a malformed one is simply not found. */
export const isUuid = (value: string): boolean => uuidPattern.test(value);
