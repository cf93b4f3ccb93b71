// When a build fails on its host (the compute service went down mid-build), Nova's conductor
// reschedules it to an alternate host, counting attempts; after max_attempts (default 3) the
// instance goes to ERROR with "Exceeded maximum number of retries".

export type BuildFailureDecision =
  | { kind: "reschedule"; attempt: number; exclude: string[] }
  | { kind: "error"; fault: { code: "MAX_RETRIES_EXCEEDED"; message: string; details: string; attempts: number } };

/** `tried` are the hosts already attempted, the failing one included. */
export function onBuildFailure(tried: readonly string[], maxAttempts: number): BuildFailureDecision {
  const attempts = tried.length;
  if (attempts >= Math.max(1, maxAttempts))
    return {
      kind: "error",
      // Nova's message names the attempts, never the hosts; those are in the details, for administrators.
      fault: { code: "MAX_RETRIES_EXCEEDED", message: `Exceeded maximum number of retries. Exceeded max scheduling attempts ${attempts} for the instance.`, details: `hosts tried: ${tried.join(", ")}`, attempts },
    };
  return { kind: "reschedule", attempt: attempts + 1, exclude: [...tried] };
}
