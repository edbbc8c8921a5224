/**
 * File locations as the portal shows them: `ftp://user:secret@host/` becomes
 * `ftp://user:••••@host/`. Display only; the API returns what was sent, as the mirrored API does.
 */
export function maskLocationPasswords(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#:@]*):[^\s/?#@]*@/gi, "$1:••••@");
}
