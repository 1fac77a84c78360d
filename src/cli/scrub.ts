/** Replaces every occurrence of a secret in text: a last line of defence before anything is printed. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** The environment's Alpaca keys: never printed, never sent. */
export function envSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  return [env['APCA_API_KEY_ID'], env['APCA_API_SECRET_KEY']].filter((s): s is string => s !== undefined && s.trim() !== '');
}
