export * from "./process";
