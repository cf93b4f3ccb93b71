import "server-only";
import { provisionApproved, sweepApprovalTimeouts } from "../services/orders";
import { registerPeriodicJob } from "./registry";

// The catalog's part of the task runner: approval levels that timed out decide themselves, and
// approved orders provision (an order a dead runner was provisioning is taken over from its next
// item).
registerPeriodicJob({ layer: "orders", name: "approval-timeouts", every: 0, run: (now) => sweepApprovalTimeouts(now) });
registerPeriodicJob({ layer: "orders", name: "provision-approved", every: 0, run: async (now, ctx) => provisionApproved(now, { id: ctx.runnerId, alive: await ctx.alive() }) });
