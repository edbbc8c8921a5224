/**
 * The retry policy every outbox shares (e-mail, webhooks): a message being sent is retaken after a
 * lease if its worker died mid-send (so delivery is at least once), and a failed attempt is
 * retried after 30 s, doubling, at most an hour apart, for a day, after which it fails for good.
 */
export const deliveryLeaseMs = 2 * 60_000;
export const deliveryBackoffMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
export const deliveryGiveUpAfterMs = 24 * 3_600_000;

/** Whether a delivery created at `createdAt` has used up its day by `now`. */
export const deliveryGivesUp = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() >= deliveryGiveUpAfterMs;
