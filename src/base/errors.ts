/** The user asked for something that cannot be done (bad flag, unknown rule, invalid config). Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Input could not be read at all (for example a config file that does not parse). Exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A bug in kubeward. Exit code 3 with a request to report it. */
export class InternalError extends Error {
  override name = 'InternalError';
}
