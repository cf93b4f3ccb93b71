import { test as base } from "@playwright/test";

/**
 * The journeys' `test`: every browser context a test opens for another role (newSession) is
 * closed when the test ends. Left open, their pages keep polling and repainting for the rest of
 * the run, and on two cores the later journeys slow down to their timeouts.
 */
export const test = base.extend<{ closeSessions: void }>({
  closeSessions: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      for (const ctx of browser.contexts()) if (!before.has(ctx)) await ctx.close();
    },
    { auto: true },
  ],
});
