export * from "./demo-cloud";
export * from "./storage";
