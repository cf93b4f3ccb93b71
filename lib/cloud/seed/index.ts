export * from "./demo-cloud";
