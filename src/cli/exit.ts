/**
 * Exit codes of the CLI: no finding at or above the threshold; findings; usage or input error; a bug in
 * kubeward itself (any error that is not a usage or input error), so that CI can tell a broken tool from bad input.
 */
export const EXIT = { ok: 0, findings: 1, error: 2, internal: 3 } as const;
