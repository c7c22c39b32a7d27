/** Exit codes of the CLI: no finding at or above the threshold; findings; usage or input error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
