// `scheme://user:password@host`: the user info ends at the last `@` before the path, query or fragment. A
// user info may itself hold `@` only percent-encoded, but a raw one is cut too, so no part of it survives.
const USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/**
 * A text with the user info (`user:password@`) removed from every URL in it, as in
 * `https://admin:s3cret@10.0.0.1:6443` → `https://10.0.0.1:6443`. A kubeconfig or a renderer may name a
 * server with basic-auth credentials in its URL; every message that can carry a URL goes through this, so
 * the password is never printed.
 */
export function stripUrlUserInfo(text: string): string {
  return text.replace(USER_INFO, '$1');
}
