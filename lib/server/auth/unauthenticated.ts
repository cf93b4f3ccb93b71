// No session where one is needed. Its own module: the error words of the console and of the
// OpenStack API (actions/result.ts) test for it without loading Auth.js and Next's request APIs.
export class UnauthenticatedError extends Error {
  constructor() {
    super("not signed in");
    this.name = "UnauthenticatedError";
  }
}
